import { expect } from 'chai';
import { auditEntry } from '../../src/platform/audit/audit-entry.js';
import type { UserActor } from '../../src/platform/auth/actor.js';

const actor: UserActor = {
  actorType: 'user',
  actorId: 'u-1',
  userId: 'u-1',
  sessionId: 's-1',
  roles: ['admin'],
  tenantId: 't-1',
  permissions: new Set(),
  clientAddress: '192.0.2.7',
  userAgent: 'Firefox',
};

describe('auditEntry', () => {
  it('names the actor once and carries the fact', () => {
    expect(auditEntry(actor, { action: 'contact.created', subjectType: 'contact', subjectId: 'c-1', details: { n: 1 } })).to.deep.equal({
      tenantId: 't-1',
      actorType: 'user',
      actorId: 'u-1',
      clientAddress: '192.0.2.7',
      userAgent: 'Firefox',
      action: 'contact.created',
      subjectType: 'contact',
      subjectId: 'c-1',
      details: { n: 1 },
    });
  });

  it('leaves out a subject and details that are not there', () => {
    const entry = auditEntry(actor, { action: 'content.searched' });
    expect(entry).to.not.have.property('subjectType');
    expect(entry).to.not.have.property('details');
  });
});
