import type { Actor } from '../../../platform/auth/actor.js';
import type { AuditLog } from '../../../platform/audit/audit-log.js';
import { personalDataReads } from '../../../platform/audit/record-reads.js';

/**
 * Records a personal_data.read per person a response shows inside its contact lists (colleagues
 * and contact persons, category contact_list), one entry per person, written as one batched
 * insert (colleagues and contacts together) with the request's transaction. Nothing is written (no round trip) for a response
 * without contact lists; the caller's own entry is left out.
 */
export function recordContactListReads(audit: AuditLog, actor: Actor, items: Iterable<{ kind: string; body: unknown }>): void {
  const users: string[] = [];
  const contacts: string[] = [];
  for (const item of items) {
    if (item.kind !== 'contact_list') continue;
    const entries = (item.body as { entries?: Array<{ type: string; id: string }> }).entries ?? [];
    for (const entry of entries) (entry.type === 'user' ? users : contacts).push(entry.id);
  }
  audit.recordAll([...personalDataReads(actor, 'user', users, 'contact_list'), ...personalDataReads(actor, 'contact', contacts, 'contact_list')]);
}
