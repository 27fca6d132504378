import { parseArgs, type ParseArgsConfig } from 'node:util';

/**
 * A command-line task's words: a wrong or missing argument ends the process with exit code 2 and
 * one line that says what was wrong and how the command is called, never a stack trace.
 */
export function parseCommandLine<T extends ParseArgsConfig['options']>(
  usage: string,
  options: T,
  positionals: { min: number; max: number } = { min: 0, max: 0 },
  args: string[] = process.argv.slice(2),
): { values: ReturnType<typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>>['values']; positionals: string[] } {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (error) {
    usageError(usage, error instanceof Error ? firstLine(error.message) : String(error));
  }
  if (parsed.positionals.length < positionals.min) usageError(usage, 'an argument is missing');
  if (parsed.positionals.length > positionals.max) {
    usageError(usage, `unexpected argument '${parsed.positionals[positionals.max]!}'`);
  }
  return { values: parsed.values, positionals: parsed.positionals };
}

export function usageError(usage: string, problem: string): never {
  console.error(`${problem}. Usage: ${usage}`);
  process.exit(2);
}

function firstLine(text: string): string {
  // node's parseArgs messages run on with a hint after a period; the first sentence says it.
  return text.split('\n')[0]!.replace(/\. To specify .*$/, '').replace(/\.$/, '');
}
