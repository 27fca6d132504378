import { randomUUID } from 'node:crypto';

export type ActorType = 'user' | 'api_key' | 'operator' | 'anonymous' | 'system';

export interface AuditEntry {
  tenantId: string;
  action: string;
  actorType: ActorType;
  actorId: string | null;
  subjectType?: string | null;
  subjectId?: string | null;
  clientAddress?: string | null;
  userAgent?: string | null;
  details?: Record<string, unknown>;
}

/** One line of the append-only audit log: who did what to whom, when and from where. */
export class AuditEvent {
  id!: string;
  tenantId!: string;
  occurredAt!: Date;
  action!: string;
  actorType!: ActorType;
  actorId!: string | null;
  subjectType!: string | null;
  subjectId!: string | null;
  clientAddress!: string | null;
  userAgent!: string | null;
  details!: Record<string, unknown>;

  private constructor() {}

  static of(entry: AuditEntry, now: Date): AuditEvent {
    const event = new AuditEvent();
    Object.assign(event, {
      id: randomUUID(),
      tenantId: entry.tenantId,
      occurredAt: now,
      action: entry.action,
      actorType: entry.actorType,
      actorId: entry.actorId,
      subjectType: entry.subjectType ?? null,
      subjectId: entry.subjectId ?? null,
      clientAddress: entry.clientAddress ?? null,
      userAgent: entry.userAgent?.slice(0, 300) ?? null,
      details: entry.details ?? {},
    });
    return event;
  }
}
