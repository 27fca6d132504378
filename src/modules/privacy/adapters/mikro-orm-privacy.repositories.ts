import { OrmRepository, TenantOwnedRepository, type Page, type PageQuery } from '../../../platform/database/orm-repository.js';
import { Breach } from '../domain/breach.js';
import { ErasureRecord } from '../domain/erasure.js';
import { PrivacySettings, ProcessorAgreement, RetentionFlag } from '../domain/privacy-settings.js';
import { ProcessingActivity } from '../domain/processing-activity.js';
import type { BreachRepository, ErasureLedger, PrivacySettingsRepository, ProcessingRegister, ProcessorAgreements, RetentionFlags } from '../ports.js';

export class MikroOrmPrivacySettings extends OrmRepository<PrivacySettings> implements PrivacySettingsRepository {
  protected readonly entity = PrivacySettings;
  of(tenantId: string): Promise<PrivacySettings | null> {
    return this.uow.em().findOne(PrivacySettings, { tenantId });
  }
}

export class MikroOrmErasureLedger extends OrmRepository<ErasureRecord> implements ErasureLedger {
  protected readonly entity = ErasureRecord;
  list(tenantId: string, query: PageQuery): Promise<Page<ErasureRecord>> {
    return this.page({ tenantId }, query, { orderBy: { erasedAt: 'desc', id: 'desc' } });
  }
  all(tenantId: string): Promise<ErasureRecord[]> {
    return this.uow.em().find(ErasureRecord, { tenantId }, { orderBy: { erasedAt: 'asc', id: 'asc' } });
  }
}

export class MikroOrmRetentionFlags extends OrmRepository<RetentionFlag> implements RetentionFlags {
  protected readonly entity = RetentionFlag;
  async flagged(tenantId: string, subjectType: 'user' | 'contact', subjectIds: string[]): Promise<Set<string>> {
    if (subjectIds.length === 0) return new Set();
    const rows = await this.uow.em().find(RetentionFlag, { tenantId, subjectType, subjectId: { $in: subjectIds } }, { disableIdentityMap: true });
    return new Set(rows.map((r) => r.subjectId));
  }
  list(tenantId: string): Promise<RetentionFlag[]> {
    return this.uow.em().find(RetentionFlag, { tenantId }, { orderBy: { flaggedAt: 'desc', subjectId: 'asc' } });
  }
  async forget(tenantId: string, subjectType: 'user' | 'contact', subjectId: string): Promise<void> {
    await this.uow.em().nativeDelete(RetentionFlag, { tenantId, subjectType, subjectId });
  }
}

export class MikroOrmBreaches extends TenantOwnedRepository<Breach> implements BreachRepository {
  protected readonly entity = Breach;
  list(tenantId: string): Promise<Breach[]> {
    return this.uow.em().find(Breach, { tenantId }, { orderBy: { foundAt: 'desc', id: 'asc' } });
  }
}

export class MikroOrmProcessingRegister extends TenantOwnedRepository<ProcessingActivity> implements ProcessingRegister {
  protected readonly entity = ProcessingActivity;
  list(tenantId: string): Promise<ProcessingActivity[]> {
    return this.uow.em().find(ProcessingActivity, { tenantId }, { orderBy: { activity: 'asc', id: 'asc' } });
  }
  remove(activity: ProcessingActivity): void {
    this.uow.em().remove(activity);
  }
}

export class MikroOrmProcessorAgreements extends OrmRepository<ProcessorAgreement> implements ProcessorAgreements {
  protected readonly entity = ProcessorAgreement;
  list(tenantId: string): Promise<ProcessorAgreement[]> {
    return this.uow.em().find(ProcessorAgreement, { tenantId }, { orderBy: { acceptedAt: 'desc', id: 'asc' } });
  }
}
