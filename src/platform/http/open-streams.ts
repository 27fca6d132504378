import type { ServerResponse } from 'node:http';
import type { Readable } from 'node:stream';

/**
 * The server-sent event streams this process has open. A stream can last for hours, so a
 * shutdown cannot wait for it: it ends each one with a `retry:` hint instead, and the client
 * reconnects (to another process, with Last-Event-ID) and loses nothing, because every stream
 * reads from PostgreSQL after the last id it sent.
 */
export class OpenStreams {
  private readonly open = new Map<ServerResponse, Readable>();
  private closing: number | null = null;

  get size(): number {
    return this.open.size;
  }

  /** A stream piped into its response; `untrack` once the pipeline has ended (no listener of its own on the response). */
  track(res: ServerResponse, stream: Readable): void {
    if (this.closing !== null) {
      endWithRetry(res, stream, this.closing);
      return;
    }
    this.open.set(res, stream);
  }

  untrack(res: ServerResponse): void {
    this.open.delete(res);
  }

  /** Ends every open stream, and any opened from now on, telling clients to come back after `retryMs`. */
  endAll(retryMs: number): void {
    this.closing = retryMs;
    for (const [res, stream] of this.open) endWithRetry(res, stream, retryMs);
    this.open.clear();
  }
}

function endWithRetry(res: ServerResponse, stream: Readable, retryMs: number): void {
  // Unpiped first: every frame a stream writes is one whole event, so nothing is cut in half.
  // The source goes only once the hint is flushed: destroying it first would make the pipeline
  // tear down the response with the hint still unsent.
  stream.unpipe(res);
  if (res.writableEnded) stream.destroy();
  else res.end(`retry: ${retryMs}\n: the server is shutting down; reconnect with Last-Event-ID\n\n`, () => stream.destroy());
}
