import { Readable } from 'node:stream';
import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { ProcessorAgreement } from '../domain/privacy-settings.js';
import { TenantStillActive } from '../domain/privacy.errors.js';
import type { Sheet } from '../ports.js';
import { CONTENT_TYPES, type FileReply, type PrivacyDeps } from './deps.js';

/** Rows per page when a tenant's tables are archived. */
const ARCHIVE_PAGE_SIZE = 500;

export interface Operator {
  operatorId: string;
  clientAddress: string | null;
}

/** The operator records which processor-agreement version the tenant accepted, by whom, when. */
export class RecordProcessorAgreement {
  constructor(private readonly d: Pick<PrivacyDeps, 'agreements' | 'transactions' | 'tenants' | 'audit' | 'clock'>) {}

  async execute(command: { operator: Operator; tenantId: string; version: string; acceptedByName: string; acceptedByEmail: string; acceptedAt: Date | null }): Promise<Result<ProcessorAgreement, NotFound>> {
    if (!(await this.d.tenants.exists(command.tenantId))) return fail(new NotFound('Tenant'));
    await this.d.transactions.enterTenant(command.tenantId);
    const agreement = ProcessorAgreement.accept({
      tenantId: command.tenantId,
      version: command.version.trim(),
      acceptedByName: command.acceptedByName.trim(),
      acceptedByEmail: command.acceptedByEmail.trim().toLowerCase(),
      acceptedAt: command.acceptedAt ?? this.d.clock.now(),
      recordedBy: command.operator.operatorId,
    });
    this.d.agreements.add(agreement);
    this.d.audit.record({ tenantId: command.tenantId, action: 'privacy.processor_agreement_recorded', actorType: 'operator', actorId: command.operator.operatorId, clientAddress: command.operator.clientAddress, details: { version: agreement.version } });
    return ok(agreement);
  }
}

export class ListProcessorAgreements {
  constructor(private readonly d: Pick<PrivacyDeps, 'agreements' | 'transactions' | 'tenants'>) {}

  async execute(query: { tenantId: string }): Promise<Result<ProcessorAgreement[], NotFound>> {
    if (!(await this.d.tenants.exists(query.tenantId))) return fail(new NotFound('Tenant'));
    await this.d.transactions.enterTenant(query.tenantId);
    return ok(await this.d.agreements.list(query.tenantId));
  }
}

/**
 * The tenant's complete data as one zip, built while it is sent: every table holding the tenant's
 * rows (found from the catalog) as JSON lines and as a sheet of one workbook, and every file of
 * the tenant's storage prefix under media/.
 */
export class ArchiveTenant {
  constructor(private readonly d: Pick<PrivacyDeps, 'writer' | 'archives' | 'transactions' | 'tenantData' | 'tenantFiles' | 'tenants' | 'audit' | 'clock'>) {}

  async execute(command: { operator: Operator; tenantId: string }): Promise<Result<FileReply, NotFound>> {
    if (!(await this.d.tenants.exists(command.tenantId))) return fail(new NotFound('Tenant'));
    await this.d.transactions.enterTenant(command.tenantId);
    const tables = await this.d.tenantData.tables();
    this.d.audit.record({ tenantId: command.tenantId, action: 'privacy.tenant_archived', actorType: 'operator', actorId: command.operator.operatorId, clientAddress: command.operator.clientAddress, details: { tables: tables.length } });
    const { tenantId } = command;
    const d = this.d;
    const archive = d.archives.create();
    void (async () => {
      for (const table of tables) {
        async function* lines() {
          for await (const page of d.tenantData.rows(tenantId, table, ARCHIVE_PAGE_SIZE)) yield page.map((row) => JSON.stringify(row)).join('\n') + '\n';
        }
        await archive.add(`data/${table}.jsonl`, Readable.from(lines()));
      }
      const sheets: Sheet[] = [];
      for (const table of tables) sheets.push({ name: table, columns: await d.transactions.run(tenantId, () => d.tenantData.columns(table)), rows: d.tenantData.rows(tenantId, table, ARCHIVE_PAGE_SIZE) });
      await archive.add('data/tenant.xlsx', d.writer.xlsx(sheets));
      for await (const key of d.tenantFiles.list(tenantId)) {
        await archive.add(`media/${key.split('/').slice(2).join('/')}`, await d.tenantFiles.open(key));
      }
      await archive.finish();
    })().catch((error: unknown) => archive.stream.destroy(error as Error));
    return ok({ stream: archive.stream, contentType: CONTENT_TYPES.zip, fileName: `tenant-${tenantId}-${this.d.clock.now().toISOString().slice(0, 10)}.zip` });
  }
}

/**
 * Deletes a suspended tenant (suspending first is the deliberate step that makes the irreversible
 * one safe; the archive is taken in between): its files first (a retry after a failure finds the rows still there), then
 * every row of every table with its tenant_id in one transaction, its own row, and last its
 * audit trail through the one privileged path the schema allows for it.
 */
export class OffboardTenant {
  constructor(private readonly d: Pick<PrivacyDeps, 'transactions' | 'tenantData' | 'tenantFiles' | 'tenants'>) {}

  async execute(command: { operator: Operator; tenantId: string }): Promise<Result<{ files: number }, NotFound | TenantStillActive>> {
    if (!(await this.d.tenants.exists(command.tenantId))) return fail(new NotFound('Tenant'));
    if (!(await this.d.tenants.isSuspended(command.tenantId))) return fail(new TenantStillActive());
    const files = await this.d.tenantFiles.deleteAll(command.tenantId);
    await this.d.transactions.enterTenant(command.tenantId);
    await this.d.tenants.remove(command.tenantId);
    await this.d.tenantData.deleteAll(command.tenantId);
    return ok({ files });
  }
}
