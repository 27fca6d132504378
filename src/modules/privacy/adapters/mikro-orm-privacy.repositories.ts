import type { UnitOfWork } from '../../../platform/database/unit-of-work.js';
import { Breach } from '../domain/breach.js';
import { ErasureRecord } from '../domain/erasure.js';
import { PrivacySettings, ProcessorAgreement, RetentionFlag } from '../domain/privacy-settings.js';
import { ProcessingActivity } from '../domain/processing-activity.js';
import type { BreachRepository, ErasureLedger, PrivacySettingsRepository, ProcessingRegister, ProcessorAgreements, RetentionFlags } from '../ports.js';

export class MikroOrmPrivacySettings implements PrivacySettingsRepository {
  constructor(private readonly uow: UnitOfWork) {}
  of(tenantId: string): Promise<PrivacySettings | null> {
    return this.uow.em().findOne(PrivacySettings, { tenantId });
  }
  add(settings: PrivacySettings): void {
    this.uow.em().persist(settings);
  }
}

export class MikroOrmErasureLedger implements ErasureLedger {
  constructor(private readonly uow: UnitOfWork) {}
  add(record: ErasureRecord): void {
    this.uow.em().persist(record);
  }
  async list(tenantId: string, query: { page: number; pageSize: number }): Promise<{ items: ErasureRecord[]; total: number }> {
    const em = this.uow.em();
    const items = await em.find(ErasureRecord, { tenantId }, { orderBy: { erasedAt: 'desc', id: 'desc' }, limit: query.pageSize, offset: (query.page - 1) * query.pageSize });
    const total = await em.count(ErasureRecord, { tenantId });
    return { items, total };
  }
  all(tenantId: string): Promise<ErasureRecord[]> {
    return this.uow.em().find(ErasureRecord, { tenantId }, { orderBy: { erasedAt: 'asc', id: 'asc' } });
  }
}

export class MikroOrmRetentionFlags implements RetentionFlags {
  constructor(private readonly uow: UnitOfWork) {}
  async flagged(tenantId: string, subjectType: 'user' | 'contact', subjectIds: string[]): Promise<Set<string>> {
    if (subjectIds.length === 0) return new Set();
    const rows = await this.uow.em().find(RetentionFlag, { tenantId, subjectType, subjectId: { $in: subjectIds } }, { disableIdentityMap: true });
    return new Set(rows.map((r) => r.subjectId));
  }
  add(flag: RetentionFlag): void {
    this.uow.em().persist(flag);
  }
  list(tenantId: string): Promise<RetentionFlag[]> {
    return this.uow.em().find(RetentionFlag, { tenantId }, { orderBy: { flaggedAt: 'desc', subjectId: 'asc' } });
  }
  async forget(tenantId: string, subjectType: 'user' | 'contact', subjectId: string): Promise<void> {
    await this.uow.em().nativeDelete(RetentionFlag, { tenantId, subjectType, subjectId });
  }
}

export class MikroOrmBreaches implements BreachRepository {
  constructor(private readonly uow: UnitOfWork) {}
  byId(tenantId: string, id: string): Promise<Breach | null> {
    return this.uow.em().findOne(Breach, { tenantId, id });
  }
  list(tenantId: string): Promise<Breach[]> {
    return this.uow.em().find(Breach, { tenantId }, { orderBy: { foundAt: 'desc', id: 'asc' } });
  }
  add(breach: Breach): void {
    this.uow.em().persist(breach);
  }
}

export class MikroOrmProcessingRegister implements ProcessingRegister {
  constructor(private readonly uow: UnitOfWork) {}
  byId(tenantId: string, id: string): Promise<ProcessingActivity | null> {
    return this.uow.em().findOne(ProcessingActivity, { tenantId, id });
  }
  list(tenantId: string): Promise<ProcessingActivity[]> {
    return this.uow.em().find(ProcessingActivity, { tenantId }, { orderBy: { activity: 'asc', id: 'asc' } });
  }
  add(activity: ProcessingActivity): void {
    this.uow.em().persist(activity);
  }
  remove(activity: ProcessingActivity): void {
    this.uow.em().remove(activity);
  }
}

export class MikroOrmProcessorAgreements implements ProcessorAgreements {
  constructor(private readonly uow: UnitOfWork) {}
  list(tenantId: string): Promise<ProcessorAgreement[]> {
    return this.uow.em().find(ProcessorAgreement, { tenantId }, { orderBy: { acceptedAt: 'desc', id: 'asc' } });
  }
  add(agreement: ProcessorAgreement): void {
    this.uow.em().persist(agreement);
  }
}
