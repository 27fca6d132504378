import { expect } from 'chai';
import { CreateOperator } from '../../src/modules/users/application/create-operator.js';
import { SignInOperator } from '../../src/modules/users/application/sign-in-operator.js';
import { EmailTaken, InvalidCredentials, InvalidUser, WeakPassword } from '../../src/modules/users/domain/user.errors.js';
import { TooManyAttempts } from '../../src/platform/security/brute-force.js';
import { errorOf, valueOf } from '../support/in-memory/result.js';
import { PASSWORD, world, type World } from '../support/in-memory/users-world.js';

const create = (p: World) => new CreateOperator(p);

describe('users operator use cases (in-memory ports)', () => {
  describe('CreateOperator', () => {
    it('stores an operator under the normalised e-mail with the hashed password', async () => {
      const p = world();
      const operator = valueOf(await create(p).execute({ email: ' Beheer@Platform.example ', name: ' Bo Beheer ', password: PASSWORD }));
      expect(operator).to.deep.include({ email: 'beheer@platform.example', name: 'Bo Beheer', passwordHash: `hashed:${PASSWORD}`, createdAt: p.clock.now(), lastLoginAt: null });
      expect(p.operators.operators).to.deep.equal([operator]);
    });

    it('refuses a short or common password (WeakPassword), an e-mail address in use (EmailTaken) and bad details (InvalidUser), storing nothing more', async () => {
      const p = world();
      valueOf(await create(p).execute({ email: 'beheer@platform.example', name: 'Bo Beheer', password: PASSWORD }));
      expect(errorOf(await create(p).execute({ email: 'ander@platform.example', name: 'Ander', password: 'kort' }))).to.be.instanceOf(WeakPassword);
      expect(errorOf(await create(p).execute({ email: 'ander@platform.example', name: 'Ander', password: 'Password1234' }))).to.be.instanceOf(WeakPassword);
      expect(errorOf(await create(p).execute({ email: 'BEHEER@platform.example', name: 'Bo twee', password: PASSWORD }))).to.be.instanceOf(EmailTaken);
      const noAddress = errorOf(await create(p).execute({ email: 'geen-adres', name: 'Ander', password: PASSWORD }));
      expect(noAddress).to.be.instanceOf(InvalidUser);
      expect(noAddress.code).to.equal('USER.INVALID');
      expect(errorOf(await create(p).execute({ email: 'ander@platform.example', name: ' ', password: PASSWORD }))).to.be.instanceOf(InvalidUser);
      expect(p.operators.operators.map((o) => o.email)).to.deep.equal(['beheer@platform.example']);
    });
  });

  describe('SignInOperator', () => {
    const command = { email: ' BEHEER@platform.example', password: PASSWORD, clientAddress: '192.0.2.9', userAgent: 'console' };

    it('issues an operator access token, notes the sign-in and clears the failure count', async () => {
      const p = world();
      const operator = valueOf(await create(p).execute({ email: 'beheer@platform.example', name: 'Bo Beheer', password: PASSWORD }));
      p.bruteForce.failures.set('login|operator/beheer@platform.example', 2);
      const issued = valueOf(await new SignInOperator(p).execute(command));
      expect(issued.expiresIn).to.equal(900);
      expect(await p.accessTokens.verify(issued.accessToken)).to.deep.include({ kind: 'operator', operatorId: operator.id });
      expect(operator.lastLoginAt).to.deep.equal(p.clock.now());
      expect(p.bruteForce.successes).to.deep.equal(['login|operator/beheer@platform.example']);
      expect(p.bruteForce.failures.size).to.equal(0);
    });

    it('answers a wrong password and an unknown operator alike (InvalidCredentials), counting each failure under the operator key', async () => {
      const p = world();
      const operator = valueOf(await create(p).execute({ email: 'beheer@platform.example', name: 'Bo Beheer', password: PASSWORD }));
      const signIn = new SignInOperator(p);
      expect(errorOf(await signIn.execute({ ...command, password: 'verkeerd wachtwoord' }))).to.be.instanceOf(InvalidCredentials);
      expect(errorOf(await signIn.execute({ ...command, email: 'niemand@platform.example' }))).to.be.instanceOf(InvalidCredentials);
      expect(errorOf(await signIn.execute({ ...command, email: 'niemand@platform.example' }))).to.be.instanceOf(InvalidCredentials);
      expect([...p.bruteForce.failures]).to.deep.equal([
        ['login|operator/beheer@platform.example', 1],
        ['login|operator/niemand@platform.example', 2],
      ]);
      expect(operator.lastLoginAt).to.equal(null);
      expect(p.bruteForce.successes).to.deep.equal([]);
    });

    it('throws TooManyAttempts once the operator account has failed too often, even with the right password', async () => {
      const p = world();
      const operator = valueOf(await create(p).execute({ email: 'beheer@platform.example', name: 'Bo Beheer', password: PASSWORD }));
      p.bruteForce.failures.set('login|operator/beheer@platform.example', 5);
      expect(await new SignInOperator(p).execute(command).catch((error: unknown) => error)).to.be.instanceOf(TooManyAttempts);
      expect(operator.lastLoginAt).to.equal(null);
    });
  });
});
