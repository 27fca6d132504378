import type { AuditEvent, AuditEntry } from '../../../src/platform/audit/audit-event.js';
import type { AuditLog, AuditQuery } from '../../../src/platform/audit/audit-log.js';
import type { ApiKeyActor, UserActor } from '../../../src/platform/auth/actor.js';
import { permissionsOf, type Permission } from '../../../src/platform/auth/permissions.js';
import type { Transaction } from '../../../src/platform/database/transaction.js';
import type { Clock } from '../../../src/platform/domain/clock.js';
import { EventBus, type DomainEvent } from '../../../src/platform/events/event-bus.js';
import type { MailMessage, Mailer } from '../../../src/platform/mail/mailer.js';

/** A clock that stands still until a spec moves it: times in assertions are exact. */
export class FixedClock implements Clock {
  constructor(private at = new Date('2026-11-24T09:00:00Z')) {}

  now(): Date {
    return new Date(this.at.getTime());
  }

  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

/** Keeps what a use case recorded, in order, for the spec to read back. */
export class InMemoryAuditLog implements AuditLog {
  readonly entries: AuditEntry[] = [];
  readonly detached: AuditEntry[] = [];

  record(entry: AuditEntry): void {
    this.entries.push(entry);
  }

  recordAll(entries: AuditEntry[]): void {
    this.entries.push(...entries);
  }

  recordDetached(entry: AuditEntry): Promise<void> {
    this.detached.push(entry);
    return Promise.resolve();
  }

  list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }> {
    void query;
    return Promise.reject(new Error('InMemoryAuditLog lists nothing: specs read `entries`'));
  }

  actions(): string[] {
    return this.entries.map((e) => e.action);
  }
}

/** Runs work as the unit of work would, without a transaction: in-memory state has nothing to roll back. */
export const inTenant = <T>(_tenantId: string, work: () => Promise<T>): Promise<T> => work();

export function userActor(props: { tenantId: string; userId: string; roles?: string[]; permissions?: Permission[] }): UserActor {
  const roles = props.roles ?? ['member'];
  return {
    actorType: 'user',
    actorId: props.userId,
    userId: props.userId,
    sessionId: `session-${props.userId}`,
    tenantId: props.tenantId,
    roles,
    permissions: props.permissions ? new Set(props.permissions) : permissionsOf(roles),
    clientAddress: '192.0.2.1',
    userAgent: 'spec',
  };
}

export function apiKeyActor(props: { tenantId: string; keyId: string; permissions: Permission[] }): ApiKeyActor {
  return {
    actorType: 'api_key',
    actorId: props.keyId,
    userId: null,
    sessionId: null,
    tenantId: props.tenantId,
    roles: [],
    permissions: new Set(props.permissions),
    clientAddress: '192.0.2.2',
    userAgent: 'integration',
  };
}

export class RecordingMailer implements Mailer {
  readonly sent: MailMessage[] = [];

  send(message: MailMessage): Promise<void> {
    this.sent.push(message);
    return Promise.resolve();
  }
}

/** Remembers which tenant the use case moved the transaction into. */
export class RecordingTransaction implements Transaction {
  readonly entered: string[] = [];

  enterTenant(tenantId: string): Promise<void> {
    this.entered.push(tenantId);
    return Promise.resolve();
  }
}

/** An event bus that also keeps every event published, in order. */
export class RecordingEventBus extends EventBus {
  readonly published: DomainEvent[] = [];

  override async publish<E extends DomainEvent>(event: E): Promise<void> {
    this.published.push(event);
    await super.publish(event);
  }
}
