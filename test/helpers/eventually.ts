/**
 * Polls `probe` until it gives something truthy and returns that, or fails naming `what` once
 * `timeoutMs` has passed: for effects that land asynchronously (a worker, a subscriber, a timer).
 */
export async function eventually<T>(what: string, probe: () => T | Promise<T>, timeoutMs = 8000, everyMs = 20): Promise<NonNullable<T>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
