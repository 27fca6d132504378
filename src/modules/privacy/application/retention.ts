import { isoDate } from '../../../platform/domain/legal-basis.js';
import { PrivacySettings, RetentionFlag } from '../domain/privacy-settings.js';
import type { PrivacyDeps } from './deps.js';
import type { ErasureService } from './erasure-service.js';

export interface RetentionOutcome {
  flagged: number;
  erased: number;
  purged: number;
}

async function settingsOf(d: Pick<PrivacyDeps, 'settings' | 'clock'>, tenantId: string): Promise<PrivacySettings> {
  return (await d.settings.of(tenantId)) ?? PrivacySettings.defaults(tenantId, d.clock.now());
}

export class GetPrivacySettings {
  constructor(private readonly d: Pick<PrivacyDeps, 'settings' | 'clock'>) {}
  execute(query: { tenantId: string }): Promise<PrivacySettings> {
    return settingsOf(this.d, query.tenantId);
  }
}

export class UpdatePrivacySettings {
  constructor(private readonly d: Pick<PrivacyDeps, 'settings' | 'clock' | 'audit'>) {}
  async execute(command: { tenantId: string; actorType: 'user' | 'api_key'; actorId: string; clientAddress: string | null; changes: { erasePastRetention?: boolean; deactivatedPurgeMonths?: number } }): Promise<PrivacySettings> {
    let settings = await this.d.settings.of(command.tenantId);
    if (!settings) {
      settings = PrivacySettings.defaults(command.tenantId, this.d.clock.now());
      this.d.settings.add(settings);
    }
    settings.change(command.changes, this.d.clock.now());
    this.d.audit.record({ tenantId: command.tenantId, action: 'privacy.settings_changed', actorType: command.actorType, actorId: command.actorId, clientAddress: command.clientAddress, details: { ...command.changes } });
    return settings;
  }
}

/**
 * The daily retention run of one tenant, in the caller's transaction: flags everyone past their
 * retention date (once), erases them where the tenant turned that on, and purges accounts
 * deactivated longer than the tenant's period down to name and e-mail.
 */
export class RunRetention {
  constructor(private readonly d: Pick<PrivacyDeps, 'settings' | 'flags' | 'users' | 'contacts' | 'audit' | 'clock'>, private readonly erasure: ErasureService) {}

  async execute(tenantId: string, by: { actorType: 'user' | 'api_key' | 'system'; actorId: string | null }): Promise<RetentionOutcome> {
    const now = this.d.clock.now();
    const today = isoDate(now);
    const settings = await settingsOf(this.d, tenantId);
    const outcome: RetentionOutcome = { flagged: 0, erased: 0, purged: 0 };
    for (const [type, source] of [
      ['user', this.d.users],
      ['contact', this.d.contacts],
    ] as const) {
      const due = await source.pastRetention(tenantId, today);
      const known = await this.d.flags.flagged(tenantId, type, due.map((p) => p.id));
      for (const person of due) {
        // The last active admin is flagged, never erased automatically: the tenant would lock itself out.
        const keep = type === 'user' && (await this.d.users.isLastActiveAdmin(tenantId, person.id));
        if (settings.erasePastRetention && !keep) {
          const why = { reason: 'retention_expired' as const, requestedBy: 'system' };
          const erased = type === 'user' ? await this.erasure.eraseUser(tenantId, person.id, why) : await this.erasure.eraseContact(tenantId, person.id, why);
          if (erased) outcome.erased += 1;
        } else if (!known.has(person.id)) {
          this.d.flags.add(RetentionFlag.of({ tenantId, subjectType: type, subjectId: person.id, retentionUntil: person.retentionUntil }, now));
          outcome.flagged += 1;
        }
      }
    }
    for (const userId of await this.d.users.deactivatedBefore(tenantId, settings.purgeDeactivatedBefore(now))) {
      if (await this.erasure.purgeUser(tenantId, userId)) outcome.purged += 1;
    }
    this.d.audit.record({ tenantId, action: 'privacy.retention_run', actorType: by.actorType, actorId: by.actorId, details: { ...outcome } });
    return outcome;
  }
}

/** The scheduled job: every tenant, each in a transaction of its own, so one tenant's failure stops no other. */
export class RetentionSweep {
  constructor(private readonly d: Pick<PrivacyDeps, 'transactions' | 'tenants'>, private readonly run: RunRetention, private readonly onError: (tenantId: string, error: unknown) => void) {}

  async execute(): Promise<{ tenants: number; failed: number }> {
    let failed = 0;
    const tenantIds = await this.d.transactions.run(null, () => this.d.tenants.ids());
    for (const tenantId of tenantIds) {
      try {
        await this.d.transactions.run(tenantId, () => this.run.execute(tenantId, { actorType: 'system', actorId: null }));
      } catch (error) {
        failed += 1;
        this.onError(tenantId, error);
      }
    }
    return { tenants: tenantIds.length, failed };
  }
}

export class ListRetentionFlags {
  constructor(private readonly d: Pick<PrivacyDeps, 'flags'>) {}
  execute(query: { tenantId: string }): Promise<RetentionFlag[]> {
    return this.d.flags.list(query.tenantId);
  }
}
