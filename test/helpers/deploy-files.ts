import { randomBytes } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { parse, parseAllDocuments } from 'yaml';

/**
 * Reads deploy/ as an orchestrator would, so the tests and the production rehearsal use exactly
 * the environment the compose file and the Kubernetes manifests give the processes.
 */
const deployDir = new URL('../../deploy/', import.meta.url);

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Manifest = { apiVersion: string; kind: string; metadata: { name: string; annotations?: Record<string, string> }; [key: string]: any };

export function kubernetesManifests(): Array<{ file: string; manifest: Manifest }> {
  const folder = new URL('kubernetes/', deployDir);
  return readdirSync(folder)
    .filter((file) => file.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      parseAllDocuments(readFileSync(new URL(file, folder), 'utf8')).map((document) => {
        if (document.errors.length > 0) throw new Error(`${file}: ${document.errors[0]!.message}`);
        return { file, manifest: document.toJS() as Manifest };
      }),
    );
}

/** A value for a placeholder of the Secret template, of the shape the variable needs. */
export function generatedSecret(name: string): string {
  if (name === 'SECRETS_ENCRYPTION_KEY') return randomBytes(32).toString('hex');
  return randomBytes(24).toString('hex');
}

/**
 * The environment a container of a workload (Deployment or Job, by name) gets: its envFrom
 * ConfigMaps and Secrets in order, then its own env. Each REPLACE placeholder of the Secret is
 * filled with a generated value, or the whole value taken from `secrets`, as an operator fills the template.
 */
export function kubernetesEnvironment(workload: string, secrets: Record<string, string> = {}): { env: Record<string, string>; args: string[] } {
  const manifests = kubernetesManifests().map((entry) => entry.manifest);
  const owner = manifests.find((manifest) => ['Deployment', 'Job'].includes(manifest.kind) && manifest.metadata.name === workload);
  if (!owner) throw new Error(`no Deployment or Job named ${workload} in deploy/kubernetes`);
  const container = owner.spec.template.spec.containers[0];
  const env: Record<string, string> = {};
  for (const source of container.envFrom ?? []) {
    if (source.configMapRef) {
      const map = manifests.find((manifest) => manifest.kind === 'ConfigMap' && manifest.metadata.name === source.configMapRef.name);
      if (!map) throw new Error(`${workload} reads ConfigMap ${source.configMapRef.name}, which deploy/kubernetes does not define`);
      Object.assign(env, map.data);
    }
    if (source.secretRef) {
      const secret = manifests.find((manifest) => manifest.kind === 'Secret' && manifest.metadata.name === source.secretRef.name);
      if (!secret) throw new Error(`${workload} reads Secret ${source.secretRef.name}, which deploy/kubernetes does not define`);
      for (const [name, value] of Object.entries(secret.stringData as Record<string, string>)) {
        env[name] = secrets[name] ?? value.replace(/REPLACE[-A-Za-z0-9]*/g, () => generatedSecret(name));
      }
    }
  }
  for (const entry of container.env ?? []) env[entry.name] = String(entry.value);
  return { env, args: container.args ?? container.command ?? [] };
}

/**
 * The environment compose gives a service, with `${NAME:?note}` and `${NAME:-default}` filled
 * from `variables` (or generated for the required ones), as `docker compose --env-file` does.
 */
export function composeEnvironment(service: string, variables: Record<string, string> = {}): { env: Record<string, string>; command: string[] } {
  const compose = composeFile();
  const definition = compose.services[service];
  if (!definition) throw new Error(`no service ${service} in deploy/compose.yaml`);
  const env: Record<string, string> = {};
  for (const [name, raw] of Object.entries((definition.environment ?? {}) as Record<string, unknown>)) {
    env[name] = interpolate(String(raw), variables);
  }
  return { env, command: definition.command ?? [] };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function composeFile(): any {
  return parse(readFileSync(new URL('compose.yaml', deployDir), 'utf8'), { merge: true });
}

export function composeRequiredVariables(): string[] {
  const text = readFileSync(new URL('compose.yaml', deployDir), 'utf8');
  return [...new Set([...text.matchAll(/\$\{([A-Z0-9_]+):\?/g)].map((match) => match[1]!))];
}

function interpolate(value: string, variables: Record<string, string>): string {
  return value.replace(/\$\{([A-Z0-9_]+)(?::([?-])([^}]*))?\}/g, (_all, name: string, kind?: string, rest?: string) => {
    if (variables[name] !== undefined) return variables[name];
    if (kind === '-') return rest ?? '';
    variables[name] = generatedSecret(name);
    return variables[name];
  });
}

export function dockerfile(): string {
  return readFileSync(new URL('Dockerfile', deployDir), 'utf8');
}
