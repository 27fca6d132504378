import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { IdentityNotConfirmed, LastAdminCannotBeErased } from '../domain/privacy.errors.js';
import type { ErasureRecord } from '../domain/erasure.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { audited, type PrivacyDeps } from './deps.js';
import type { ErasureService } from './erasure-service.js';

/** An admin erases a user (right to erasure): every module's part, sessions at once, ledger entry. */
export class EraseUser {
  constructor(private readonly d: Pick<PrivacyDeps, 'users' | 'audit'>, private readonly erasure: ErasureService) {}

  async execute(command: { actor: Actor; userId: string }): Promise<Result<void, NotFound | LastAdminCannotBeErased>> {
    const { tenantId } = command.actor;
    if ((await this.d.users.nameOf(tenantId, command.userId)) === null) return fail(new NotFound('User'));
    if (await this.d.users.isLastActiveAdmin(tenantId, command.userId)) return fail(new LastAdminCannotBeErased());
    await this.erasure.eraseUser(tenantId, command.userId, { reason: 'admin_request', requestedBy: command.actor.actorId });
    audited(this.d, command.actor, 'privacy.user_erased', { type: 'user', id: command.userId });
    return ok(undefined);
  }
}

export class EraseContact {
  constructor(private readonly d: Pick<PrivacyDeps, 'audit'>, private readonly erasure: ErasureService) {}

  async execute(command: { actor: Actor; contactId: string }): Promise<Result<void, NotFound>> {
    const erased = await this.erasure.eraseContact(command.actor.tenantId, command.contactId, { reason: 'admin_request', requestedBy: command.actor.actorId });
    if (!erased) return fail(new NotFound('Contact'));
    audited(this.d, command.actor, 'privacy.contact_erased', { type: 'contact', id: command.contactId });
    return ok(undefined);
  }
}

/** A member deletes their own account, after confirming it is them (password, and second factor if they have one). */
export class DeleteOwnAccount {
  constructor(private readonly d: Pick<PrivacyDeps, 'users' | 'audit'>, private readonly erasure: ErasureService) {}

  async execute(command: { actor: Actor; password: string; code: string | null }): Promise<Result<void, IdentityNotConfirmed | LastAdminCannotBeErased>> {
    const { tenantId, userId } = command.actor;
    if (!userId || !(await this.d.users.confirmIdentity(tenantId, userId, command.password, command.code, command.actor.clientAddress))) return fail(new IdentityNotConfirmed());
    if (await this.d.users.isLastActiveAdmin(tenantId, userId)) return fail(new LastAdminCannotBeErased());
    await this.erasure.eraseUser(tenantId, userId, { reason: 'own_request', requestedBy: userId });
    audited(this.d, command.actor, 'privacy.own_account_deleted', { type: 'user', id: userId });
    return ok(undefined);
  }
}

export class ListErasures {
  constructor(private readonly d: Pick<PrivacyDeps, 'ledger'>) {}

  execute(query: { tenantId: string; page: number; pageSize: number }): Promise<{ items: ErasureRecord[]; total: number }> {
    return this.d.ledger.list(query.tenantId, query);
  }
}

/**
 * After a backup is restored, people erased since the backup are back in it, and so is the
 * ledger table as it was then. The copy of the ledger in object storage is not part of the
 * database backup: it still names everyone erased since, by id, and each is erased again. Lines
 * the restored table lacks are put back into it; lines only the table has (written before the
 * copy existed) are copied out. Safe to run twice: a subject already gone is skipped. Runs tenant
 * by tenant, each in its own transaction.
 */
export class ReapplyErasures {
  constructor(private readonly d: Pick<PrivacyDeps, 'ledger' | 'ledgerCopy' | 'transactions' | 'tenants'>, private readonly erasure: ErasureService) {}

  async execute(): Promise<{ tenants: number; checked: number; erasedAgain: number; linesRestored: number }> {
    let checked = 0;
    let erasedAgain = 0;
    let linesRestored = 0;
    const tenantIds = await this.d.transactions.run(null, () => this.d.tenants.ids());
    for (const tenantId of tenantIds) {
      await this.d.transactions.run(tenantId, async () => {
        const inTable = new Map((await this.d.ledger.all(tenantId)).map((record) => [record.id, record]));
        const copied = new Map((await this.d.ledgerCopy.all(tenantId)).map((record) => [record.id, record]));
        for (const [id, record] of copied) {
          if (inTable.has(id)) continue;
          this.d.ledger.add(record);
          linesRestored += 1;
        }
        for (const [id, record] of inTable) if (!copied.has(id)) await this.d.ledgerCopy.write(record);
        const lines = [...new Map([...inTable, ...copied]).values()].sort((x, y) => x.erasedAt.getTime() - y.erasedAt.getTime() || x.id.localeCompare(y.id));
        for (const record of lines) {
          checked += 1;
          const why = { reason: record.reason, requestedBy: record.requestedBy };
          const again = record.subjectType === 'user' ? await this.erasure.eraseUser(tenantId, record.subjectId, why, false) : await this.erasure.eraseContact(tenantId, record.subjectId, why, false);
          if (again) erasedAgain += 1;
        }
      });
    }
    return { tenants: tenantIds.length, checked, erasedAgain, linesRestored };
  }
}
