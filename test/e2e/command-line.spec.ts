import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { call } from '../helpers/http.js';
import { findTextAnywhere, ownerQuery } from '../helpers/database-search.js';
import { addUser, onboardTenant, operatorToken } from '../helpers/fixtures.js';
import { env } from '../helpers/test-env.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** Runs an npm script as a person would, against the test database. */
function runScript(script: string, args: string[], stdin?: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const secrets = JSON.parse(readFileSync(path.join(env().dataDir, 'secrets.json'), 'utf8')) as { appPassword: string };
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
      cwd: root,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        DATA_DIR: env().dataDir,
        DATABASE_URL: env().database.ownerUrl,
        DATABASE_APP_PASSWORD: secrets.appPassword,
        LOG_LEVEL: 'warn',
      },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdin.end(stdin ?? '');
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

describe('npm run operator:create', () => {
  it('creates an operator from flags and a password on stdin, who can then sign in', async () => {
    const email = `ops-${Date.now()}@platform.test`;
    const result = await runScript('scripts/operator-create.ts', ['--email', email, '--name', 'Platform Ops', '--password-stdin'], 'lange-zin-als-wachtwoord-42\n');
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.contain(`Operator ${email} created`);
    const login = await call('POST', '/v1/platform/auth/login', { body: { email, password: 'lange-zin-als-wachtwoord-42' } });
    expect(login.status).to.equal(200);
  });

  it('refuses a common password and creates nothing', async () => {
    const email = `zwak-${Date.now()}@platform.test`;
    const result = await runScript('scripts/operator-create.ts', ['--email', email, '--name', 'Zwak', '--password-stdin'], 'password1234\n');
    expect(result.code).to.equal(1);
    expect(result.stderr).to.contain('commonly used');
    const login = await call('POST', '/v1/platform/auth/login', { body: { email, password: 'password1234' } });
    expect(login.status).to.equal(401);
  });
});

describe('npm run tenants:apply', () => {
  it('applies tenants/demo.yaml, and a second apply changes nothing', async function () {
    this.timeout(120_000);
    const first = await runScript('scripts/tenants-apply.ts', ['tenants/demo.yaml']);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/tenant zorggroep-de-linde created; users: 6 invited, 0 updated, 0 unchanged; groups: 4 created, 0 updated, 0 unchanged; incident set-up created/);

    const token = await operatorToken();
    const before = (await call('GET', '/v1/platform/tenants?pageSize=200', { token })).body.items.find(
      (t: { slug: string }) => t.slug === 'zorggroep-de-linde',
    );
    expect(before).to.include({ name: 'Zorggroep De Linde', locale: 'nl-NL' });

    const second = await runScript('scripts/tenants-apply.ts', ['tenants/demo.yaml']);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.match(/tenant zorggroep-de-linde unchanged \(6 users and 4 groups as defined, incident set-up as defined\)/);
    const after = await call('GET', `/v1/platform/tenants/${before.id}`, { token });
    expect(after.body).to.deep.equal(before);
  });

  it('refuses a malformed file whole, naming the line, and changes nothing', async () => {
    const file = path.join(env().dataDir, 'kapot.yaml');
    writeFileSync(file, 'tenant:\n  slug: kapotte-organisatie\n  name: Kapot\nusers:\n  - { name: A, email: niet-geldig, roles: [admin] }\n');
    const result = await runScript('scripts/tenants-apply.ts', [file]);
    expect(result.code).to.equal(1);
    expect(result.stderr.trim()).to.match(/kapot\.yaml: users\.0\.email \(line 5\): /);
    const token = await operatorToken();
    const slugs = (await call('GET', '/v1/platform/tenants?pageSize=200', { token })).body.items.map((t: { slug: string }) => t.slug);
    expect(slugs).not.to.include('kapotte-organisatie');
  });
});

describe('npm run demo', () => {
  it('leaves an operator and a signed-in admin, coordinator and member of the demo tenant with its incident set-up; a second run changes nothing', async function () {
    this.timeout(180_000);
    const first = await runScript('scripts/demo.ts', []);
    expect(first.code, first.stderr).to.equal(0);
    const password = /admin\s+m\.devries@zorggroepdelinde\.example\s+(\S+)/.exec(first.stdout)?.[1];
    expect(password, first.stdout).to.equal('Linde-demo-2026');
    expect(first.stdout).to.match(/API: {3}http:\/\/\S+:\d+ {3}\(docs: http:\/\/\S+\/docs\)/);
    const tokens: Record<string, string> = {};
    for (const [as, email] of [['admin', 'm.devries'], ['coordinator', 'f.elamrani'], ['member', 's.jansen']] as const) {
      expect(first.stdout).to.match(new RegExp(`${as}\\s+${email.replace('.', '\\.')}@zorggroepdelinde\\.example\\s+Linde-demo-2026`));
      const login = await call('POST', '/v1/auth/login', { body: { tenant: 'zorggroep-de-linde', email: `${email}@zorggroepdelinde.example`, password } });
      expect(login.status, `${as}: ${login.text}`).to.equal(200);
      tokens[as] = login.body.accessToken as string;
    }
    const operator = await call('POST', '/v1/platform/auth/login', { body: { email: 'operator@demo.example', password } });
    expect(operator.status, operator.text).to.equal(200);
    const setup = await call('GET', '/v1/incident-setup', { token: tokens.coordinator! });
    expect(setup.status, setup.text).to.equal(200);
    expect(setup.body.types.map((t: { key: string }) => t.key)).to.include('ontruiming');
    expect(setup.body.roles.filter((r: { default: boolean }) => r.default)).to.have.length(1);
    expect(setup.body.locations.length).to.be.greaterThan(0);
    // An incident can be started at once, with the file's type and standard location.
    const incident = await call('POST', '/v1/incidents', { token: tokens.coordinator!, body: { title: 'Brandalarm', type: 'brand', severity: 'major', location: { standardKey: 'de-linde-tiel' }, exercise: true } });
    expect(incident.status, incident.text).to.equal(201);

    const second = await runScript('scripts/demo.ts', []);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.contain('tenant zorggroep-de-linde unchanged').and.to.contain('operator exists');
    expect(second.stdout).to.match(/member\s+s\.jansen@zorggroepdelinde\.example\s+Linde-demo-2026/);
    const after = await call('GET', '/v1/incident-setup', { token: tokens.coordinator! });
    expect(after.body).to.deep.equal(setup.body);
  });
});

describe('command-line tools fail loudly', () => {
  it('operator:create without a terminal and without --password-stdin exits non-zero with one line saying what to pass, and creates nothing', async function () {
    this.timeout(120_000);
    const bare = await runScript('scripts/operator-create.ts', []);
    expect(bare.code).to.equal(2);
    expect(bare.stderr.trim().split('\n')).to.have.length(1);
    expect(bare.stderr).to.contain('--email').and.to.contain('--name').and.to.contain('--password-stdin');
    const email = `zonder-terminal-${Date.now()}@platform.test`;
    const noStdin = await runScript('scripts/operator-create.ts', ['--email', email, '--name', 'Zonder']);
    expect(noStdin.code).to.equal(2);
    expect(noStdin.stderr.trim()).to.match(/^no terminal to ask on: pass --password-stdin/);
    const empty = await runScript('scripts/operator-create.ts', ['--email', email, '--name', 'Zonder', '--password-stdin'], '');
    expect(empty.code).to.equal(2);
    expect(empty.stderr.trim()).to.match(/^no password given/);
    expect((await call('POST', '/v1/platform/auth/login', { body: { email, password: 'x'.repeat(12) } })).status).to.equal(401);
  });

  const wrong: Array<[string, string[], number, RegExp]> = [
    ['scripts/operator-create.ts', ['--mail', 'x@y.nl'], 2, /^Unknown option '--mail'\. Usage: npm run operator:create/],
    ['scripts/tenants-apply.ts', [], 2, /^an argument is missing\. Usage: npm run tenants:apply -- <tenant\.yaml>/],
    ['scripts/tenants-apply.ts', ['tenants/bestaat-niet.yaml'], 1, /^tenants\/bestaat-niet\.yaml: cannot be read \(no such file\)$/],
    ['scripts/migrations.ts', ['opruimen'], 2, /^unknown command 'opruimen'\. Usage: npm run migrations -- create \[name\] \| up \| pending \| check$/],
    ['scripts/migrations.ts', ['up', 'extra'], 2, /^'up' takes no name\. Usage:/],
    ['scripts/privacy-reapply-erasures.ts', ['nu'], 2, /^unexpected argument 'nu'\. Usage: npm run privacy:reapply-erasures/],
    ['scripts/demo.ts', ['--reset'], 2, /^Unknown option '--reset'\. Usage: npm run demo/],
  ];
  for (const [script, args, code, message] of wrong) {
    it(`${script} ${args.join(' ') || '(no arguments)'}: exit ${code} and one clear line`, async function () {
      this.timeout(60_000);
      const result = await runScript(script, args);
      expect(result.code, result.stdout + result.stderr).to.equal(code);
      expect(result.stderr.trim()).to.match(message);
      expect(result.stderr.trim()).not.to.contain('\n');
      expect(result.stdout).to.equal('');
    });
  }

  for (const script of ['scripts/complete-lockfile.mjs', 'scripts/ensure-redis.mjs']) {
    it(`${script} refuses an argument with exit 2 and one line`, async () => {
      const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(process.execPath, [script, '--anders'], { cwd: root });
        let stderr = '';
        child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
        child.on('exit', (exitCode) => resolve({ code: exitCode, stderr }));
      });
      expect(result.code).to.equal(2);
      expect(result.stderr.trim()).to.match(/^unexpected argument '--anders'\. Usage: .*takes no arguments/);
    });
  }
});

describe('npm run privacy:reapply-erasures', () => {
  it('erases again, after a restore, everyone the erasure ledger names', async function () {
    this.timeout(90_000);
    const tenant = await onboardTenant('Zorggroep Hersteld');
    const person = await addUser(tenant, ['member'], 'Herstelde Hendrika');
    const backup = await ownerQuery<Record<string, unknown>>('select * from users where id = $1', [person.id]);
    expect((await call('POST', `/v1/privacy/users/${person.id}/erase`, { token: tenant.adminToken })).status).to.equal(204);
    const row = backup.rows[0]!;
    const columns = Object.keys(row);
    await ownerQuery(`insert into users (${columns.map((c) => `"${c}"`).join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`, columns.map((c) => row[c]));
    expect(await findTextAnywhere('Hendrika')).to.not.deep.equal([]);

    const result = await runScript('scripts/privacy-reapply-erasures.ts', []);
    expect(result.code, result.stderr).to.equal(0);
    expect(result.stdout).to.match(/erasure ledger re-applied: \d+ entries in \d+ tenants, [1-9]\d* subjects erased again/);
    expect(await findTextAnywhere('Hendrika')).to.deep.equal([]);
  });
});
