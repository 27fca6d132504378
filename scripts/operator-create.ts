/**
 * npm run operator:create -- --email ops@example.org --name "Ops" [--password-stdin]
 * Creates a platform operator. Without flags it asks; the password is never an argument
 * (it would end up in shell history): it is typed at a hidden prompt or read from stdin.
 */
import { input, password as passwordPrompt } from '@inquirer/prompts';
import { DomainError } from '../src/platform/domain/errors.js';
import type { CreateOperator } from '../src/modules/users/application/create-operator.js';
import { USERS_APP } from '../src/modules/users/application/tokens.js';
import { parseCommandLine, usageError } from './command-line.js';

const USAGE = 'npm run operator:create -- [--email <address>] [--name <name>] [--password-stdin]';
const { values } = parseCommandLine(USAGE, {
  email: { type: 'string' },
  name: { type: 'string' },
  'password-stdin': { type: 'boolean', default: false },
});

// Without a terminal nobody can answer a prompt: say what to pass instead of creating nothing.
if (!process.stdin.isTTY || !process.stdout.isTTY) {
  const missing = [
    ...(values.email === undefined ? ['--email <address>'] : []),
    ...(values.name === undefined ? ['--name <name>'] : []),
    ...(values['password-stdin'] ? [] : ['--password-stdin (and the password on stdin)']),
  ];
  if (missing.length > 0) usageError(USAGE, `no terminal to ask on: pass ${missing.join(', ')}`);
}

async function readStdin(): Promise<string> {
  let data = '';
  for await (const chunk of process.stdin) data += String(chunk);
  return data.replace(/\r?\n$/, '');
}

const email = values.email ?? (await input({ message: 'Operator e-mail address:' }));
const name = values.name ?? (await input({ message: 'Operator name:' }));
const password = values['password-stdin']
  ? await readStdin()
  : await passwordPrompt({ message: 'Password (at least 12 characters):', mask: '*' });
if (password === '') usageError(USAGE, 'no password given (with --password-stdin it is read from stdin)');

// Loaded after the arguments are checked: a wrong one is refused at once, before the platform's modules load.
const { withPlatform } = await import('./with-platform.js');
await withPlatform(async (platform) => {
  const createOperator = platform.container.get<CreateOperator>(USERS_APP.CreateOperator);
  const result = await platform.uow.run(null, async () => {
    const created = await createOperator.execute({ email, name, password });
    if (!created.ok) throw created.error;
    return created.value;
  }).then(
    (operator) => ({ ok: true as const, operator }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (!result.ok) {
    console.error(result.error instanceof DomainError ? `Not created: ${result.error.detail}` : String(result.error));
    return 1;
  }
  console.log(`Operator ${result.operator.email} created. Sign in at POST /v1/platform/auth/login.`);
  return 0;
});
