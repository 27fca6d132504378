/** Hands a fetched file to the browser as a download, named as the server named it. */
export function saveBlob(blob: Blob, response: Response, fallbackName: string): void {
  const disposition = response.headers.get('Content-Disposition') ?? '';
  const name = /filename="?([^";]+)"?/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file once click() returns; free the memory a little later.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
