import { expect } from 'chai';
import * as core from 'kubernetes-models/v1';
import * as apps from 'kubernetes-models/apps/v1';
import * as autoscaling from 'kubernetes-models/autoscaling/v2';
import * as batch from 'kubernetes-models/batch/v1';
import * as networking from 'kubernetes-models/networking.k8s.io/v1';
import * as policy from 'kubernetes-models/policy/v1';
import { loadConfig } from '../../src/platform/config/config.js';
import { composeEnvironment, composeFile, composeRequiredVariables, dockerfile, kubernetesEnvironment, kubernetesManifests, type Manifest } from '../helpers/deploy-files.js';

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
    for (const { manifest } of manifests.filter((entry) => ['Deployment', 'Job'].includes(entry.manifest.kind))) {
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
      expect(args.slice(0, 2), workload).to.deep.equal(['node', 'dist/src/main.js']);
    }
    expect(kubernetesEnvironment('crisis-migrations').args[2]).to.equal('migrate');
    expect(loadConfig(kubernetesEnvironment('crisis-api').env).MIGRATE_ON_START, 'the Job migrates, not every replica').to.equal(false);
  });

  it('compose: api, worker and migrations pass the production configuration rules; every secret is a required variable with a note', () => {
    const compose = composeFile();
    expect(Object.keys(compose.services)).to.include.members(['postgres', 'redis', 'migrations', 'api', 'worker']);
    const required = composeRequiredVariables();
    expect(required).to.include.members(['POSTGRES_PASSWORD', 'DATABASE_APP_PASSWORD', 'JWT_SECRET', 'SECRETS_ENCRYPTION_KEY', 'METRICS_TOKEN']);
    for (const service of ['migrations', 'api', 'worker']) {
      const { env, command } = composeEnvironment(service);
      try {
        loadConfig(env);
      } catch (error) {
        throw new Error(`deploy/compose.yaml ${service}: ${(error as Error).message}`, { cause: error });
      }
      expect(env.NODE_ENV, service).to.equal('production');
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
    // dist/ carries the compiled migrations (tsconfig.build.json includes migrations/) that `main.js migrate` applies.
    expect(text).to.match(/^COPY --from=build \/app\/dist dist$/m);
  });
});
