import { expect } from 'chai';
import { ActivationToken } from '../../src/modules/users/domain/activation-token.js';
import { checkPassword } from '../../src/modules/users/domain/password-policy.js';
import { User } from '../../src/modules/users/domain/user.js';
import { ZxcvbnCommonPasswords } from '../../src/modules/users/adapters/zxcvbn-common-passwords.js';

const now = new Date('2026-11-23T09:00:00Z');
const tenantId = '0b9c2f4e-7d1a-4c3b-9e8f-1a2b3c4d5e6f';

describe('User', () => {
  it('is invited with a normalised e-mail and sorted, unique roles', () => {
    const result = User.invite({ tenantId, email: '  M.deVries@Example.NL ', name: 'Marieke', roles: ['member', 'admin', 'member'] }, now);
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.value).to.include({ email: 'm.devries@example.nl', status: 'invited', passwordHash: null });
    expect(result.value.roles).to.deep.equal(['admin', 'member']);
    expect(result.value.isAdmin()).to.equal(true);
    expect(result.value.canSignIn()).to.equal(false);
  });

  it('refuses a bad e-mail, an empty name or no roles', () => {
    expect(User.invite({ tenantId, email: 'geen-adres', name: 'X', roles: ['member'] }, now).ok).to.equal(false);
    expect(User.invite({ tenantId, email: 'a@b.nl', name: ' ', roles: ['member'] }, now).ok).to.equal(false);
    expect(User.invite({ tenantId, email: 'a@b.nl', name: 'X', roles: [] }, now).ok).to.equal(false);
  });

  it('activates once', () => {
    const invited = User.invite({ tenantId, email: 'a@b.nl', name: 'X', roles: ['member'] }, now);
    if (!invited.ok) throw invited.error;
    const user = invited.value;
    expect(user.activate('hash', now).ok).to.equal(true);
    expect(user.canSignIn()).to.equal(true);
    const again = user.activate('other', now);
    expect(!again.ok && again.error.code).to.equal('USER.NOT_INVITED');
    expect(user.passwordHash).to.equal('hash');
  });

  it('aligns name and roles and says whether anything changed', () => {
    const invited = User.invite({ tenantId, email: 'a@b.nl', name: 'X', roles: ['member'] }, now);
    if (!invited.ok) throw invited.error;
    expect(invited.value.align({ name: 'X', roles: ['member'] }, now)).to.equal(false);
    expect(invited.value.align({ name: 'X', roles: ['coordinator'] }, now)).to.equal(true);
    expect(invited.value.roles).to.deep.equal(['coordinator']);
  });
});

describe('ActivationToken', () => {
  const issue = () => ActivationToken.issue({ tenantId, userId: tenantId, secretHash: 'h', validForHours: 72 }, now);

  it('is redeemed once, within its validity', () => {
    const token = issue();
    expect(token.redeem(new Date(now.getTime() + 71 * 3600_000)).ok).to.equal(true);
    const again = token.redeem(now);
    expect(!again.ok && again.error.code).to.equal('ACTIVATION.USED');
  });

  it('expires at the end of its validity', () => {
    const late = issue().redeem(new Date(now.getTime() + 72 * 3600_000));
    expect(!late.ok && late.error.code).to.equal('ACTIVATION.EXPIRED');
  });
});

describe('password policy', () => {
  const common = new ZxcvbnCommonPasswords().list();

  it('ships a list of tens of thousands of common passwords', () => {
    expect(common.size).to.be.greaterThan(40_000);
    expect(common.has('password')).to.equal(true);
  });

  it('wants at least 12 characters, counted as characters not bytes', () => {
    expect(checkPassword('kort-wachtw', common).ok).to.equal(false);
    expect(checkPassword('ijsvogel-Linge', common).ok).to.equal(true);
    expect(checkPassword('ëëëëëëëëëëëë', common).ok).to.equal(true);
  });

  it('refuses common passwords whatever their case', () => {
    const result = checkPassword('Password1234', common);
    expect(result.ok).to.equal(false);
    if (!result.ok) expect(result.error.detail).to.contain('commonly used');
  });
});
