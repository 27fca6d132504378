import type { AuditEntry, AuditEvent } from './audit-event.js';

export interface AuditQuery {
  tenantId: string;
  page: number;
  pageSize: number;
  action?: string;
  actorId?: string;
  subjectId?: string;
  from?: Date;
  to?: Date;
}

/** The audit log port: every module records authentication and access events through it. */
export interface AuditLog {
  /** Recorded with the current unit of work: it commits, or rolls back, with what it describes. */
  record(entry: AuditEntry): void;
  /**
   * Many entries of the current unit of work (the people a page shows), written together in one
   * multi-row insert just before it commits; they commit, or roll back, with it.
   */
  recordAll(entries: AuditEntry[]): void;
  /**
   * Recorded in a transaction of its own once the current one has ended, for failures (a
   * refused sign-in) whose request rolls back but whose attempt must still be on record.
   */
  recordDetached(entry: AuditEntry): Promise<void>;
  list(query: AuditQuery): Promise<{ items: AuditEvent[]; total: number }>;
}
