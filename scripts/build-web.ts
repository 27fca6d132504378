import { ensureConsoleBuilt } from '../src/platform/console-build.js';

// For container images: build the console now, so the API only serves it.
await ensureConsoleBuilt({ info: (...args: unknown[]) => console.log(...args.filter((arg) => typeof arg === 'string')) });
