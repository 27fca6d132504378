import { expect } from 'chai';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

function start(env: Record<string, string>): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', 'api'], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    let stderr = '';
    let stdout = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}

describe('start-up with bad configuration', () => {
  it('stops with exit code 1 and one clear line naming the variable', async () => {
    const result = await start({ PORT: 'abc' });
    expect(result.code).to.equal(1);
    expect(result.stderr.trim()).to.equal("Configuration error: PORT must be a whole number from 0 to 65535 (got 'abc')");
    expect(result.stdout).to.equal('');
  });

  it('does not echo secrets it refuses', async () => {
    const result = await start({ JWT_SECRET: 'geheim-maar-te-kort' });
    expect(result.code).to.equal(1);
    expect(result.stderr.trim()).to.equal('Configuration error: JWT_SECRET must be at least 32 characters (value hidden)');
  });
});
