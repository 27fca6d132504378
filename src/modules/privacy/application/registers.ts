import { NotFound } from '../../../platform/domain/errors.js';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { Breach, type BreachDetails } from '../domain/breach.js';
import type { InvalidRegisterEntry } from '../domain/privacy.errors.js';
import { ProcessingActivity, type ProcessingDetails } from '../domain/processing-activity.js';
import type { Row, Sheet } from '../ports.js';
import type { Actor } from '../../../platform/auth/actor.js';
import { audited, CONTENT_TYPES, type FileReply, type PrivacyDeps } from './deps.js';

export class ListBreaches {
  constructor(private readonly d: Pick<PrivacyDeps, 'breaches'>) {}
  execute(query: { tenantId: string }): Promise<Breach[]> {
    return this.d.breaches.list(query.tenantId);
  }
}

export class RecordBreach {
  constructor(private readonly d: Pick<PrivacyDeps, 'breaches' | 'audit' | 'clock'>) {}
  execute(command: { actor: Actor; details: Partial<BreachDetails> & { title: string; description: string; foundAt: Date } }): Result<Breach, InvalidRegisterEntry> {
    const recorded = Breach.record({ tenantId: command.actor.tenantId, ...command.details }, this.d.clock.now());
    if (!recorded.ok) return recorded;
    this.d.breaches.add(recorded.value);
    audited(this.d, command.actor, 'privacy.breach_recorded', { type: 'breach', id: recorded.value.id });
    return recorded;
  }
}

export class UpdateBreach {
  constructor(private readonly d: Pick<PrivacyDeps, 'breaches' | 'audit' | 'clock'>) {}
  async execute(command: { actor: Actor; breachId: string; changes: Partial<BreachDetails> }): Promise<Result<Breach, NotFound | InvalidRegisterEntry>> {
    const breach = await this.d.breaches.byId(command.actor.tenantId, command.breachId);
    if (!breach) return fail(new NotFound('Breach'));
    const changed = breach.change(command.changes, this.d.clock.now());
    if (!changed.ok) return changed;
    audited(this.d, command.actor, 'privacy.breach_updated', { type: 'breach', id: breach.id }, { fields: Object.keys(command.changes) });
    return ok(breach);
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
    const recorded = ProcessingActivity.record({ tenantId: command.actor.tenantId, ...command.details }, this.d.clock.now());
    if (!recorded.ok) return recorded;
    this.d.processing.add(recorded.value);
    audited(this.d, command.actor, 'privacy.processing_recorded', { type: 'processing_activity', id: recorded.value.id });
    return recorded;
  }
}

export class UpdateProcessingActivity {
  constructor(private readonly d: Pick<PrivacyDeps, 'processing' | 'audit' | 'clock'>) {}
  async execute(command: { actor: Actor; activityId: string; changes: Partial<ProcessingDetails> }): Promise<Result<ProcessingActivity, NotFound | InvalidRegisterEntry>> {
    const activity = await this.d.processing.byId(command.actor.tenantId, command.activityId);
    if (!activity) return fail(new NotFound('Processing activity'));
    const changed = activity.change(command.changes, this.d.clock.now());
    if (!changed.ok) return changed;
    audited(this.d, command.actor, 'privacy.processing_updated', { type: 'processing_activity', id: activity.id }, { fields: Object.keys(command.changes) });
    return ok(activity);
  }
}

export class DeleteProcessingActivity {
  constructor(private readonly d: Pick<PrivacyDeps, 'processing' | 'audit'>) {}
  async execute(command: { actor: Actor; activityId: string }): Promise<Result<void, NotFound>> {
    const activity = await this.d.processing.byId(command.actor.tenantId, command.activityId);
    if (!activity) return fail(new NotFound('Processing activity'));
    this.d.processing.remove(activity);
    audited(this.d, command.actor, 'privacy.processing_deleted', { type: 'processing_activity', id: activity.id });
    return ok(undefined);
  }
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
