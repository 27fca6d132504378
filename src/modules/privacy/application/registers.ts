import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { Breach, type BreachDetails } from '../domain/breach.js';
import type { InvalidRegisterEntry } from '../domain/privacy.errors.js';
import { ProcessingActivity, type ProcessingDetails } from '../domain/processing-activity.js';
import type { Row, Sheet } from '../ports.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { audited, CONTENT_TYPES, type FileReply, type PrivacyDeps } from './deps.js';
import { removeFound } from '../../../platform/application/tenant-records.js';

export class ListBreaches {
  constructor(private readonly d: Pick<PrivacyDeps, 'breaches'>) {}
  execute(query: { tenantId: string }): Promise<Breach[]> {
    return this.d.breaches.list(query.tenantId);
  }
}

export class RecordBreach {
  constructor(private readonly d: Pick<PrivacyDeps, 'breaches' | 'audit' | 'clock'>) {}
  execute(command: { actor: Actor; details: Partial<BreachDetails> & { title: string; description: string; foundAt: Date } }): Result<Breach, InvalidRegisterEntry> {
    return kept(this.d, command.actor, BREACHES, this.d.breaches, Breach.record({ tenantId: command.actor.tenantId, ...command.details }, this.d.clock.now()));
  }
}

export class UpdateBreach {
  constructor(private readonly d: Pick<PrivacyDeps, 'breaches' | 'audit' | 'clock'>) {}
  async execute(command: { actor: Actor; breachId: string; changes: Partial<BreachDetails> }): Promise<Result<Breach, NotFound | InvalidRegisterEntry>> {
    return changed(this.d, command.actor, BREACHES, await this.d.breaches.byId(command.actor.tenantId, command.breachId), command.changes);
  }
}

export class ListProcessingActivities {
  constructor(private readonly d: Pick<PrivacyDeps, 'processing'>) {}
  execute(query: { tenantId: string }): Promise<ProcessingActivity[]> {
    return this.d.processing.list(query.tenantId);
  }
}

export class RecordProcessingActivity {
  constructor(private readonly d: Pick<PrivacyDeps, 'processing' | 'audit' | 'clock'>) {}
  execute(command: { actor: Actor; details: ProcessingDetails }): Result<ProcessingActivity, InvalidRegisterEntry> {
    return kept(this.d, command.actor, PROCESSING, this.d.processing, ProcessingActivity.record({ tenantId: command.actor.tenantId, ...command.details }, this.d.clock.now()));
  }
}

export class UpdateProcessingActivity {
  constructor(private readonly d: Pick<PrivacyDeps, 'processing' | 'audit' | 'clock'>) {}
  async execute(command: { actor: Actor; activityId: string; changes: Partial<ProcessingDetails> }): Promise<Result<ProcessingActivity, NotFound | InvalidRegisterEntry>> {
    return changed(this.d, command.actor, PROCESSING, await this.d.processing.byId(command.actor.tenantId, command.activityId), command.changes);
  }
}

export class DeleteProcessingActivity {
  constructor(private readonly d: Pick<PrivacyDeps, 'processing' | 'audit'>) {}
  execute(command: { actor: Actor; activityId: string }): Promise<Result<void, NotFound>> {
    const { actor } = command;
    return removeFound(this.d.processing, actor.tenantId, command.activityId, PROCESSING.missing, (activity) =>
      audited(this.d, actor, 'privacy.processing_deleted', { type: PROCESSING.subjectType, id: activity.id }),
    );
  }
}

/** How each register's entries are named: in a 404, and as the subject and actions of audit lines. */
interface RegisterWords {
  missing: string;
  subjectType: string;
  recorded: string;
  updated: string;
}

const BREACHES: RegisterWords = { missing: 'Breach', subjectType: 'breach', recorded: 'privacy.breach_recorded', updated: 'privacy.breach_updated' };
const PROCESSING: RegisterWords = { missing: 'Processing activity', subjectType: 'processing_activity', recorded: 'privacy.processing_recorded', updated: 'privacy.processing_updated' };

/** A new entry of a register, kept and audited once the register's rules accept it. */
function kept<T extends { id: string }>(
  d: Pick<PrivacyDeps, 'audit'>,
  actor: Actor,
  words: RegisterWords,
  entries: { add(entry: T): void },
  recorded: Result<T, InvalidRegisterEntry>,
): Result<T, InvalidRegisterEntry> {
  if (!recorded.ok) return recorded;
  entries.add(recorded.value);
  audited(d, actor, words.recorded, { type: words.subjectType, id: recorded.value.id });
  return recorded;
}

/** An entry of the caller's tenant (null: none of that id) changed as asked; the audit line names the fields asked for. */
function changed<C extends object, T extends { id: string; change(changes: C, now: Date): Result<void, InvalidRegisterEntry> }>(
  d: Pick<PrivacyDeps, 'audit' | 'clock'>,
  actor: Actor,
  words: RegisterWords,
  entry: T | null,
  changes: C,
): Result<T, NotFound | InvalidRegisterEntry> {
  if (!entry) return fail(new NotFound(words.missing));
  const outcome = entry.change(changes, d.clock.now());
  if (!outcome.ok) return outcome;
  audited(d, actor, words.updated, { type: words.subjectType, id: entry.id }, { fields: Object.keys(changes) });
  return ok(entry);
}

const list = (values: string[]) => values.join(', ');

/** Either register as CSV or xlsx, for the authority or the organisation's own DPO. */
export class ExportRegister {
  constructor(private readonly d: Pick<PrivacyDeps, 'breaches' | 'processing' | 'audit' | 'clock' | 'writer'>) {}

  async execute(command: { actor: Actor; register: 'breaches' | 'processing'; format: 'csv' | 'xlsx' }): Promise<FileReply> {
    const now = this.d.clock.now();
    let sheet: Sheet;
    if (command.register === 'breaches') {
      const rows: Row[] = (await this.d.breaches.list(command.actor.tenantId)).map((b) => ({
        id: b.id,
        title: b.title,
        description: b.description,
        foundAt: b.foundAt,
        reportingDeadline: b.reportingDeadline(),
        overdue: b.isOverdue(now),
        reportable: b.reportable,
        reportedToAuthorityAt: b.reportedToAuthorityAt,
        authorityReference: b.authorityReference,
        dataCategories: list(b.dataCategories),
        peopleAffected: b.peopleAffected,
        measures: b.measures,
      }));
      sheet = { name: 'breaches', columns: ['id', 'title', 'description', 'foundAt', 'reportingDeadline', 'overdue', 'reportable', 'reportedToAuthorityAt', 'authorityReference', 'dataCategories', 'peopleAffected', 'measures'], rows: [rows] };
    } else {
      const rows: Row[] = (await this.d.processing.list(command.actor.tenantId)).map((p) => ({
        id: p.id,
        activity: p.activity,
        purpose: p.purpose,
        dataCategories: list(p.dataCategories),
        specialCategories: list(p.specialCategories),
        involvesSpecialCategories: p.involvesSpecialCategories(),
        legalBasis: p.legalBasis,
        retention: p.retention,
        processors: list(p.processors),
        recipients: list(p.recipients),
        responsible: p.responsible,
      }));
      sheet = { name: 'processing', columns: ['id', 'activity', 'purpose', 'dataCategories', 'specialCategories', 'involvesSpecialCategories', 'legalBasis', 'retention', 'processors', 'recipients', 'responsible'], rows: [rows] };
    }
    audited(this.d, command.actor, `privacy.export.${command.register}_register`, null, { format: command.format });
    return {
      stream: command.format === 'csv' ? this.d.writer.csv(sheet) : this.d.writer.xlsx([sheet]),
      contentType: CONTENT_TYPES[command.format],
      fileName: `${command.register}-register-${now.toISOString().slice(0, 10)}.${command.format}`,
    };
  }
}
