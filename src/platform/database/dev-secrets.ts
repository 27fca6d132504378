import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * Secrets for the embedded development setup, generated once and kept in DATA_DIR so that a
 * restart finds the same database passwords and keeps issued tokens valid. Production sets
 * them through the environment instead.
 */
export interface DevSecrets {
  postgresPassword: string;
  appPassword: string;
  jwtSecret: string;
  /** Key for secrets kept at rest (TOTP seeds): 32 bytes, hex. */
  encryptionKey: string;
}

export async function loadOrCreateDevSecrets(dataDir: string): Promise<DevSecrets> {
  const file = path.resolve(dataDir, 'secrets.json');
  let existing: Partial<DevSecrets> | null = null;
  try {
    existing = JSON.parse(await readFile(file, 'utf8')) as Partial<DevSecrets>;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  // A folder from an older version lacks newer secrets: add them, keep the rest.
  const secrets: DevSecrets = {
    postgresPassword: existing?.postgresPassword ?? randomBytes(24).toString('base64url'),
    appPassword: existing?.appPassword ?? randomBytes(24).toString('base64url'),
    jwtSecret: existing?.jwtSecret ?? randomBytes(48).toString('base64url'),
    encryptionKey: existing?.encryptionKey ?? randomBytes(32).toString('hex'),
  };
  if (existing && Object.keys(existing).length === Object.keys(secrets).length) return secrets;
  await mkdir(path.dirname(file), { recursive: true, mode: 0o755 });
  await writeFile(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  return secrets;
}
