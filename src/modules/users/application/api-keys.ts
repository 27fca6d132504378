import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { ApiKey } from '../domain/api-key.js';
import type { InvalidUser } from '../domain/user.errors.js';
import type { Actor } from '../../../platform/auth/actor.js';
import type { UsersDeps } from './deps.js';
import { auditEntry } from '../../../platform/audit/audit-entry.js';

/** The key is shown once, in this answer; only a hash of its secret is kept. */
export class CreateApiKey {
  constructor(private readonly d: Pick<UsersDeps, 'apiKeys' | 'secrets' | 'clock' | 'audit'>, private readonly compose: (keyId: string, tenantId: string, secret: string) => string) {}

  async execute(command: { actor: Actor; name: string; scopes: string[] }): Promise<Result<{ apiKey: ApiKey; key: string }, InvalidUser>> {
    const { secret, hash } = this.d.secrets.create();
    const created = ApiKey.create(
      { tenantId: command.actor.tenantId, name: command.name, scopes: command.scopes, secretHash: hash, createdBy: command.actor.actorId },
      this.d.clock.now(),
    );
    if (!created.ok) return created;
    this.d.apiKeys.add(created.value);
    this.d.audit.record(auditEntry(command.actor, { action: 'api_key.created', subjectType: 'api_key', subjectId: created.value.id, details: { name: created.value.name, scopes: created.value.scopes } }));
    return Promise.resolve(ok({ apiKey: created.value, key: this.compose(created.value.id, command.actor.tenantId, secret) }));
  }
}

export class ListApiKeys {
  constructor(private readonly d: Pick<UsersDeps, 'apiKeys'>) {}

  execute(query: { actor: Actor }): Promise<ApiKey[]> {
    return this.d.apiKeys.list(query.actor.tenantId);
  }
}

export class RevokeApiKey {
  constructor(private readonly d: Pick<UsersDeps, 'apiKeys' | 'clock' | 'audit'>) {}

  async execute(command: { actor: Actor; apiKeyId: string }): Promise<Result<void, NotFound>> {
    const key = await this.d.apiKeys.byId(command.actor.tenantId, command.apiKeyId);
    if (!key) return fail(new NotFound('API key'));
    key.revoke(this.d.clock.now());
    this.d.audit.record(auditEntry(command.actor, { action: 'api_key.revoked', subjectType: 'api_key', subjectId: key.id }));
    return ok(undefined);
  }
}
