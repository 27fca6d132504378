import { expect } from 'chai';
import { env } from './test-env.js';

export interface Reply {
  status: number;
  headers: Headers;
  // Tests read bodies freely; their shapes are checked by assertions and response validation.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

export async function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string | Buffer; form?: FormData; headers?: Record<string, string> } = {},
): Promise<Reply> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  let body: string | Buffer | FormData | undefined;
  if (options.form) body = options.form;
  else if (options.rawBody !== undefined) body = options.rawBody;
  else if (options.body !== undefined) {
    body = JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(env().baseUrl + path, { method, headers, body });
  const text = await response.text();
  let parsed: unknown = undefined;
  if (text && /json/.test(response.headers.get('content-type') ?? '')) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

/** GET a file: the raw bytes, for checking what was stored. */
export async function download(path: string, token: string): Promise<{ status: number; headers: Headers; bytes: Buffer }> {
  const response = await fetch(env().baseUrl + path, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, headers: response.headers, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** A multipart form with one file part, as an app would send it. */
export function fileForm(bytes: Buffer, fileName: string, type: string): FormData {
  const form = new FormData();
  form.append('file', new Blob([bytes], { type }), fileName);
  return form;
}

/** The reply's body, once its status is the one expected (the reply's text explains a mismatch). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function expectStatus(reply: Reply, status: number): any {
  expect(reply.status, reply.text).to.equal(status);
  return reply.body;
}
