import { randomUUID } from 'node:crypto';
import { fail, ok, type Result } from '../../../platform/domain/result.js';
import { InvalidIncidentInput } from './incident.errors.js';
import { checkObservedAt } from './log-entry.js';

export type ActionStatus = 'open' | 'in_progress' | 'done';
export const ACTION_STATUSES: readonly ActionStatus[] = ['open', 'in_progress', 'done'];

export interface Assignee {
  userId: string | null;
  teamId: string | null;
  /** The person's or team's name when assigned; a person's is replaced by a pseudonym on erasure. */
  name: string;
}

export interface ActionEvent {
  at: string;
  byId: string;
  byName: string;
  change: 'created' | 'assigned' | 'started' | 'completed' | 'reopened' | 'due_changed';
  detail: string | null;
  /** The person the change names in `detail` (the user assigned), so erasing them reaches this line too. */
  aboutId?: string | null;
}

/** Something to be done in an incident: assigned to a person or a team, with a due time; every change is kept. */
export class IncidentAction {
  id!: string;
  tenantId!: string;
  incidentId!: string;
  title!: string;
  description!: string | null;
  assignee!: Assignee | null;
  dueAt!: Date | null;
  status!: ActionStatus;
  createdBy!: string;
  createdByName!: string;
  createdAt!: Date;
  completedBy!: string | null;
  completedByName!: string | null;
  completedAt!: Date | null;
  history!: ActionEvent[];
  updatedAt!: Date;
  /** Made by the device, so a retry finds the first action instead of creating it twice. */
  clientId!: string | null;
  /** When the device created it, by its own clock. */
  observedAt!: Date | null;

  static create(
    props: { tenantId: string; incidentId: string; title: string; description: string | null; dueAt: Date | null; by: { id: string; name: string }; clientId?: string | null; observedAt?: Date | null },
    now: Date,
  ): Result<IncidentAction, InvalidIncidentInput> {
    const observed = checkObservedAt(props.observedAt ?? null, now);
    if (!observed.ok) return observed;
    const title = props.title.trim();
    if (!title) return fail(new InvalidIncidentInput('title', 'must not be empty'));
    const action = new IncidentAction();
    Object.assign(action, {
      id: randomUUID(),
      tenantId: props.tenantId,
      incidentId: props.incidentId,
      title,
      description: props.description?.trim() || null,
      assignee: null,
      dueAt: props.dueAt,
      status: 'open',
      createdBy: props.by.id,
      createdByName: props.by.name,
      createdAt: now,
      completedBy: null,
      completedByName: null,
      completedAt: null,
      history: [{ at: now.toISOString(), byId: props.by.id, byName: props.by.name, change: 'created', detail: title }],
      updatedAt: now,
      clientId: props.clientId ?? null,
      observedAt: observed.value,
    });
    return ok(action);
  }

  assign(assignee: Assignee, by: { id: string; name: string }, now: Date): void {
    this.assignee = assignee;
    this.record('assigned', by, assignee.name, now, assignee.userId);
  }

  changeDue(dueAt: Date | null, by: { id: string; name: string }, now: Date): void {
    this.dueAt = dueAt;
    this.record('due_changed', by, dueAt?.toISOString() ?? null, now);
  }

  /** Moves the action on; completing and reopening record who and when. */
  moveTo(status: ActionStatus, by: { id: string; name: string }, now: Date): boolean {
    if (status === this.status) return false;
    if (status === 'done') {
      Object.assign(this, { completedBy: by.id, completedByName: by.name, completedAt: now });
      this.record('completed', by, null, now);
    } else if (this.status === 'done') {
      Object.assign(this, { completedBy: null, completedByName: null, completedAt: null });
      this.record('reopened', by, status, now);
    } else {
      this.record(status === 'in_progress' ? 'started' : 'reopened', by, status, now);
    }
    this.status = status;
    return true;
  }

  isOverdue(now: Date): boolean {
    return this.status !== 'done' && this.dueAt !== null && this.dueAt.getTime() < now.getTime();
  }

  private record(change: ActionEvent['change'], by: { id: string; name: string }, detail: string | null, now: Date, aboutId: string | null = null): void {
    this.history = [...this.history, { at: now.toISOString(), byId: by.id, byName: by.name, change, detail, aboutId }];
    this.updatedAt = now;
  }
}
