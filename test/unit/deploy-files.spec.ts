import { expect } from 'chai';
import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import { loadConfig } from '../../src/platform/config/config.js';
import {
  composeEnvironment,
  composeFile,
  composeRequiredVariables,
  deployText,
  dockerfile,
  kubernetesEnvironment,
  kubernetesManifests,
  pgbackrestConfig,
  type Manifest,
} from '../helpers/deploy-files.js';

/** The models of kubernetes-models, whose validate() checks a manifest against the bundled Kubernetes JSON schema. */
const MODELS: Record<string, Record<string, unknown>> = {
  v1: core,
  'apps/v1': apps,
  'autoscaling/v2': autoscaling,
  'batch/v1': batch,
  'networking.k8s.io/v1': networking,
  'policy/v1': policy,
};

function validate(manifest: Manifest): void {
  const Model = MODELS[manifest.apiVersion]?.[manifest.kind] as (new (data: Manifest) => { validate(): void }) | undefined;
  if (!Model) throw new Error(`no schema for ${manifest.apiVersion} ${manifest.kind}: add its group to MODELS`);
  new Model(manifest).validate();
}

describe('deploy files: valid Kubernetes manifests and compose services that pass the production configuration rules', () => {
  const manifests = kubernetesManifests();
  const kinds = manifests.map((entry) => `${entry.manifest.kind}/${entry.manifest.metadata.name}`);

  it('validates every Kubernetes manifest against the Kubernetes JSON schemas (offline, bundled with kubernetes-models)', () => {
    for (const { file, manifest } of manifests) {
      try {
        validate(manifest);
      } catch (error) {
        throw new Error(`${file} ${manifest.kind}/${manifest.metadata.name}: ${(error as Error).message}`, { cause: error });
      }
    }
    const broken = structuredClone(manifests.find((entry) => entry.manifest.kind === 'Deployment')!.manifest);
    broken.spec.template.spec.containers[0].ports = [{ containerPort: 'three thousand' }];
    expect(() => validate(broken), 'the validator catches a wrong type').to.throw(/containerPort must be integer/);
  });

  it('holds what production needs: api Deployment, Service, HPA, PDB, worker Deployment, migrations Job, ConfigMap, Secret, Ingress', () => {
    for (const kind of [
      'Deployment/crisis-api',
      'Service/crisis-api',
      'HorizontalPodAutoscaler/crisis-api',
      'PodDisruptionBudget/crisis-api',
      'Deployment/crisis-worker',
      'Job/crisis-migrations',
      'ConfigMap/crisis-platform',
      'Secret/crisis-platform',
      'Ingress/crisis-api',
    ]) {
      expect(kinds, kind).to.include(kind);
    }
    const ingress = manifests.find((entry) => entry.manifest.kind === 'Ingress')!.manifest;
    expect(ingress.metadata.annotations!, 'live streams are not buffered by the proxy').to.include({ 'nginx.ingress.kubernetes.io/proxy-buffering': 'off' });
    expect(Number(ingress.metadata.annotations!['nginx.ingress.kubernetes.io/proxy-read-timeout'])).to.be.at.least(300);
  });

  it('gives every container a read-only root filesystem, a non-root user and a writable /tmp, and keeps the metrics port out of the Service', () => {
    for (const { manifest } of manifests.filter((entry) => ['Deployment', 'StatefulSet', 'Job'].includes(entry.manifest.kind))) {
      const pod = manifest.spec.template.spec;
      expect(pod.securityContext.runAsNonRoot, manifest.metadata.name).to.equal(true);
      for (const container of pod.containers) {
        expect(container.securityContext.readOnlyRootFilesystem, manifest.metadata.name).to.equal(true);
        const tmp = container.volumeMounts.find((mount: { mountPath: string }) => mount.mountPath === '/tmp');
        expect(tmp, `${manifest.metadata.name} mounts /tmp`).to.not.equal(undefined);
        expect(pod.volumes.find((volume: { name: string }) => volume.name === tmp.name).emptyDir, `${manifest.metadata.name} /tmp is an emptyDir`).to.not.equal(undefined);
      }
    }
    const service = manifests.find((entry) => entry.manifest.kind === 'Service')!.manifest;
    expect(service.spec.ports.map((port: { targetPort: string }) => port.targetPort)).to.deep.equal(['http']);
  });

  it('sets every variable the app requires in production, for the api, the worker and the migrations Job (loadConfig accepts them)', () => {
    for (const workload of ['crisis-api', 'crisis-worker', 'crisis-migrations']) {
      const { env, args } = kubernetesEnvironment(workload);
      let config;
      try {
        config = loadConfig(env);
      } catch (error) {
        throw new Error(`deploy/kubernetes ${workload}: ${(error as Error).message}`, { cause: error });
      }
      expect(config.NODE_ENV, workload).to.equal('production');
      expect(config.REDIS_URL, `${workload} shares queues and live feeds through Redis`).to.be.a('string');
      // Under a read-only root filesystem everything written must land in the emptyDir.
      expect(config.DATA_DIR.startsWith('/tmp'), `${workload} DATA_DIR`).to.equal(true);
      expect(config.STORAGE_DRIVER, 'uploads on S3-compatible storage: every replica serves every file').to.equal('s3');
      expect([config.MAIL_TRANSPORT, config.PUSH_DRIVER], `${workload}: mail and pushes really go out`).to.deep.equal(['smtp', 'providers']);
      expect(args.slice(0, 2), workload).to.deep.equal(['node', 'dist/src/main.js']);
    }
    expect(kubernetesEnvironment('crisis-migrations').args[2]).to.equal('migrate');
    expect(loadConfig(kubernetesEnvironment('crisis-api').env).MIGRATE_ON_START, 'the Job migrates, not every replica').to.equal(false);
  });

  it('compose: api, worker and migrations pass the production configuration rules; every secret is a required variable with a note', () => {
    const compose = composeFile();
    expect(Object.keys(compose.services)).to.include.members(['postgres', 'redis', 'migrations', 'api', 'worker']);
    const required = composeRequiredVariables();
    expect(required).to.include.members(['POSTGRES_PASSWORD', 'DATABASE_APP_PASSWORD', 'JWT_SECRET', 'SECRETS_ENCRYPTION_KEY', 'METRICS_TOKEN', 'SMTP_URL', 'VAPID_PUBLIC_KEY', 'VAPID_PRIVATE_KEY']);
    // deploy/.env.example names every variable compose requires.
    const example = deployText('.env.example');
    for (const name of required) expect(example, `deploy/.env.example ${name}`).to.match(new RegExp(`^${name}=`, 'm'));
    for (const service of ['migrations', 'api', 'worker']) {
      const { env, command } = composeEnvironment(service);
      try {
        loadConfig(env);
      } catch (error) {
        throw new Error(`deploy/compose.yaml ${service}: ${(error as Error).message}`, { cause: error });
      }
      expect(env.NODE_ENV, service).to.equal('production');
      // Mail and pushes really go out: no console stand-ins in production.
      expect([env.MAIL_TRANSPORT, env.PUSH_DRIVER], service).to.deep.equal(['smtp', 'providers']);
      expect(command.slice(0, 2), service).to.deep.equal(['node', 'dist/src/main.js']);
      if (service !== 'migrations') {
        expect(compose.services[service].depends_on.migrations.condition, service).to.equal('service_completed_successfully');
        expect(compose.services[service].volumes.some((volume: string) => volume.endsWith(`:${env.DATA_DIR}`)), `${service} keeps DATA_DIR on a volume`).to.equal(true);
      }
    }
    const redis = (compose.services.redis.command as string[]).join(' ');
    expect(redis).to.include('--appendonly yes').and.to.include('--maxmemory-policy noeviction');
  });

  it('the image runs as a non-root user with writable data and temp folders, checks its health and carries what the migrations step runs', () => {
    const text = dockerfile();
    expect(text).to.match(/^USER node$/m);
    expect(text).to.match(/^HEALTHCHECK .*\/health\/live/m);
    expect(text).to.match(/chown node:node \/app\/data/);
    expect(text).to.match(/ENV .*DATA_DIR=\/app\/data/);
    // The young generation the benchmarks measure with (bench/support.ts reads this line).
    expect(text).to.match(/^ENV NODE_OPTIONS="--max-semi-space-size=64"$/m);
    // dist/ carries the compiled migrations (tsconfig.build.json includes migrations/) that `main.js migrate` applies.
    expect(text).to.match(/^COPY --from=build \/app\/dist dist$/m);
  });

  it('backs up with pgBackRest: encrypted, to S3 apart from the database, no backup kept past 35 days, WAL archived, a runner in compose and Kubernetes', () => {
    const conf = pgbackrestConfig();
    const global = conf.global!;
    expect(global['repo1-type'], 'stored apart from the database').to.equal('s3');
    expect(global['repo1-cipher-type']).to.equal('aes-256-cbc');
    expect(global['repo1-s3-bucket']).to.not.equal(kubernetesEnvironment('crisis-api').env.S3_BUCKET, 'backups in a bucket of their own');
    // Secrets come from the environment (PGBACKREST_REPO1_*), never from the file.
    for (const secret of ['repo1-cipher-pass', 'repo1-s3-key', 'repo1-s3-key-secret']) expect(global, secret).to.not.have.property(secret);
    const schedule = deployText('postgres/backup-schedule.sh');
    // One full backup a week (Sundays) and five fulls kept: the oldest backup is at most 35 days old.
    expect(schedule).to.match(/date -u \+%u\)" = 7 \]; then type=full; else type=diff/);
    expect(global['repo1-retention-full-type']).to.equal('count');
    expect(Number(global['repo1-retention-full']) * 7).to.equal(35);
    expect(conf.crisis!['pg1-path']).to.equal('/var/lib/postgresql/data');

    const compose = composeFile();
    const archive = compose.services.postgres.command as string[];
    expect(archive).to.include('archive_mode=on').and.to.include('archive_command=pgbackrest --stanza=crisis archive-push %p');
    expect(compose.services.backup.command).to.deep.equal(['backup-schedule']);
    expect(compose.services.backup.volumes).to.deep.equal(compose.services.postgres.volumes);
    expect(composeRequiredVariables()).to.include.members(['PGBACKREST_REPO1_CIPHER_PASS', 'PGBACKREST_REPO1_S3_KEY', 'PGBACKREST_REPO1_S3_KEY_SECRET']);
    for (const service of ['postgres', 'backup']) expect(composeEnvironment(service).env.PGBACKREST_REPO1_CIPHER_PASS, service).to.have.length.above(20);

    const statefulSet = manifests.find((entry) => entry.manifest.kind === 'StatefulSet' && entry.manifest.metadata.name === 'postgres')!.manifest;
    const [postgres, backup] = statefulSet.spec.template.spec.containers;
    expect(postgres.args, 'the StatefulSet archives as compose does').to.deep.equal(archive);
    expect(backup.command).to.deep.equal(['backup-schedule']);
    const dataPath = (container: { env: Array<{ name: string; value: string }> }) => container.env.find((entry) => entry.name === 'PGBACKREST_PG1_PATH')?.value;
    expect(dataPath(backup)).to.equal(postgres.env.find((entry: { name: string }) => entry.name === 'PGDATA').value);
    expect(dataPath(postgres)).to.equal(dataPath(backup));
    const secret = manifests.find((entry) => entry.manifest.kind === 'Secret' && entry.manifest.metadata.name === 'crisis-postgres')!.manifest;
    expect(Object.keys(secret.stringData)).to.include.members(['POSTGRES_PASSWORD', 'PGBACKREST_REPO1_CIPHER_PASS', 'PGBACKREST_REPO1_S3_KEY', 'PGBACKREST_REPO1_S3_KEY_SECRET']);
    for (const container of [postgres, backup]) expect(container.envFrom).to.deep.equal([{ secretRef: { name: 'crisis-postgres' } }]);
    expect(new URL(kubernetesEnvironment('crisis-api').env.DATABASE_URL!).hostname, 'the app connects to this Service').to.equal('postgres.crisis.svc');
    expect(deployText('postgres/Dockerfile')).to.match(/apt-get install -y --no-install-recommends pgbackrest/).and.to.match(/COPY deploy\/pgbackrest\/pgbackrest.conf \/etc\/pgbackrest\/pgbackrest.conf/);
  });
});
