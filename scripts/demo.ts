/**
 * npm run demo
 * A demo in one command, on the embedded default (or DATABASE_URL): a platform operator,
 * tenants/demo.yaml applied (users, groups, the incident set-up), and an admin, a coordinator and
 * a member of it activated with a known password. Prints where the API is and how each signs in;
 * `npm run demo` then starts the API. Running it again changes nothing and prints the same.
 */
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { ActivateAccount } from '../src/modules/users/application/activate-account.js';
import type { CreateOperator } from '../src/modules/users/application/create-operator.js';
import type { UsersDeps } from '../src/modules/users/application/deps.js';
import type { Invitations } from '../src/modules/users/application/invitations.js';
import { USERS_APP } from '../src/modules/users/application/tokens.js';
import { applyTenantFile, parseTenantFile } from '../src/onboarding/tenant-file.js';
import type { Config } from '../src/platform/config/config.js';
import { PLATFORM } from '../src/platform/container/tokens.js';
import type { Mailer, MailMessage } from '../src/platform/mail/mailer.js';
import { parseCommandLine } from './command-line.js';

parseCommandLine('npm run demo (it takes no arguments)', {});

/** Known on purpose: this is a demo on a developer's machine, never a production tenant. */
export const DEMO_PASSWORD = 'Linde-demo-2026';
const OPERATOR = { email: 'operator@demo.example', name: 'Demo-operator' };
const SIGN_INS = [
  { as: 'admin', email: 'm.devries@zorggroepdelinde.example' },
  { as: 'coordinator', email: 'f.elamrani@zorggroepdelinde.example' },
  { as: 'member', email: 's.jansen@zorggroepdelinde.example' },
] as const;

const demoFile = fileURLToPath(new URL('../tenants/demo.yaml', import.meta.url));
const parsed = parseTenantFile(await readFile(demoFile, 'utf8'));
if (!parsed.ok) {
  console.error(`tenants/demo.yaml: ${parsed.error}`);
  process.exit(1);
}
const definition = parsed.value;

/** Keeps the activation links of this run, so the demo accounts can be activated here and now. */
class KeptMail implements Mailer {
  private readonly links = new Map<string, string>();
  send(message: MailMessage): Promise<void> {
    const link = /\/activate\?token=([^\s&]+)/.exec(message.text);
    if (link) this.links.set(message.to.toLowerCase(), decodeURIComponent(link[1]!));
    return Promise.resolve();
  }
  activationTokenFor(email: string): string | undefined {
    return this.links.get(email.toLowerCase());
  }
}
const mail = new KeptMail();

// Loaded after the arguments are checked: a wrong one is refused at once, before the platform's modules load.
const { withPlatform } = await import('./with-platform.js');
await withPlatform(
  async (platform) => {
    const config = platform.container.get<Config>(PLATFORM.Config);
    const deps = platform.container.get<UsersDeps>(USERS_APP.Deps);

    const operator = await platform.uow.run(null, async () => {
      if (await deps.operators.byEmail(OPERATOR.email)) return 'exists';
      const created = await platform.container.get<CreateOperator>(USERS_APP.CreateOperator).execute({ ...OPERATOR, password: DEMO_PASSWORD });
      if (!created.ok) throw created.error;
      return 'created';
    });

    const applied = await applyTenantFile(platform, definition);
    if (!applied.ok) {
      console.error(`tenants/demo.yaml: ${applied.error}`);
      return 1;
    }
    const { tenantId } = applied.value;

    const accounts: Array<{ as: string; email: string; password: string }> = [];
    for (const { as, email } of SIGN_INS) {
      const user = await platform.uow.run(tenantId, () => deps.users.byEmail(tenantId, email));
      if (!user) throw new Error(`tenants/demo.yaml no longer names ${email}, the demo's ${as}`);
      if (user.status === 'invited') {
        // A fresh link through the invitation the file started: the account is activated the way a person does it.
        await platform.uow.run(tenantId, () => platform.container.get<Invitations>(USERS_APP.Invitations).resend(user));
        const token = mail.activationTokenFor(email)!;
        const activated = await platform.uow.run(null, () =>
          platform.container.get<ActivateAccount>(USERS_APP.ActivateAccount).execute({ token, password: DEMO_PASSWORD }),
        );
        if (!activated.ok) throw activated.error;
        accounts.push({ as, email, password: DEMO_PASSWORD });
      } else if (user.status === 'active') {
        const same = user.passwordHash !== null && (await deps.hasher.verify(user.passwordHash, DEMO_PASSWORD));
        accounts.push({ as, email, password: same ? DEMO_PASSWORD : '(changed since; not the demo password)' });
      } else {
        accounts.push({ as, email, password: '(deactivated: reactivate with POST /v1/users/{id}/reactivate)' });
      }
    }

    const host = config.HOST === '0.0.0.0' ? 'localhost' : config.HOST;
    const url = `http://${host}:${config.PORT}`;
    const slug = definition.tenant.slug;
    const first = accounts[0]!;
    const lines = [
      '',
      `Demo ready: ${definition.tenant.name} (tenant ${slug}); ${applied.value.summary}; operator ${operator}.`,
      `  API:   ${url}   (docs: ${url}/docs)`,
      `  Sign in with POST /v1/auth/login {"tenant":"${slug}","email":…,"password":…}:`,
      ...accounts.map((a) => `    ${a.as.padEnd(12)} ${a.email.padEnd(40)} ${a.password}`),
      `  Operator: POST /v1/platform/auth/login {"email":"${OPERATOR.email}","password":"${DEMO_PASSWORD}"}`,
      `  Try: curl -s -X POST ${url}/v1/auth/login -H 'content-type: application/json' \\`,
      `         -d '{"tenant":"${slug}","email":"${first.email}","password":"${DEMO_PASSWORD}"}'`,
      '',
    ];
    console.log(lines.join('\n'));
    return 0;
  },
  { mailer: mail },
);
