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
  it('applies tenants/demo.yaml, and a second apply changes nothing', async () => {
    const first = await runScript('scripts/tenants-apply.ts', ['tenants/demo.yaml']);
    expect(first.code, first.stderr).to.equal(0);
    expect(first.stdout).to.match(/tenant zorggroep-de-linde created; users: 6 invited, 0 updated, 0 unchanged; groups: 4 created, 0 updated, 0 unchanged/);

    const token = await operatorToken();
    const before = (await call('GET', '/v1/platform/tenants?pageSize=200', { token })).body.items.find(
      (t: { slug: string }) => t.slug === 'zorggroep-de-linde',
    );
    expect(before).to.include({ name: 'Zorggroep De Linde', locale: 'nl-NL' });

    const second = await runScript('scripts/tenants-apply.ts', ['tenants/demo.yaml']);
    expect(second.code, second.stderr).to.equal(0);
    expect(second.stdout).to.match(/tenant zorggroep-de-linde unchanged \(6 users and 4 groups as defined\)/);
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
