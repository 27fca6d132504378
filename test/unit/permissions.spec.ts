import { expect } from 'chai';
import { ENROLMENT_ONLY, permissionsOf, permissionsOfScopes, ROLE_PERMISSIONS, SCOPE_PERMISSIONS } from '../../src/platform/auth/permissions.js';

describe('the permission table', () => {
  it('gives an API key exactly what its scopes grant: content:read cannot send messages or touch users', () => {
    const granted = permissionsOfScopes(['content:read']);
    expect([...granted]).to.deep.equal(['content.read']);
    expect(granted.has('messages.send')).to.equal(false);
    expect(permissionsOfScopes(['messages:send']).has('messages.send')).to.equal(true);
    expect(permissionsOfScopes(['no-such-scope']).size).to.equal(0);
  });

  it('never lets a scope grant platform or self-service permissions', () => {
    const all = permissionsOfScopes(Object.keys(SCOPE_PERMISSIONS));
    for (const permission of ['platform.tenants.manage', 'apikeys.manage', 'tenant.settings.write', 'me.read', 'me.write', 'me.second_factor'] as const) {
      expect(all.has(permission), permission).to.equal(false);
    }
  });

  it('keeps members read-only and operators out of tenants', () => {
    const member = permissionsOf(['member']);
    for (const permission of member) expect(permission, permission).to.match(/\.read$|^me\.|^tenant\.read$|^incidents\.participate$/);
    expect([...permissionsOf(['operator'])]).to.deep.equal(['platform.tenants.manage']);
    expect(ROLE_PERMISSIONS.admin).to.include.members(['users.write', 'audit.read', 'apikeys.manage']);
    expect(ENROLMENT_ONLY).to.deep.equal(['me.read', 'me.second_factor']);
    expect(permissionsOf(['onbekend']).size).to.equal(0);
  });
});
