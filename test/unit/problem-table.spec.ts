import { expect } from 'chai';
import { DomainError, fieldOccurrence, problem, problemsOf } from '../../src/platform/domain/errors.js';

class ThingClosed extends problem({ code: 'THING.CLOSED', kind: 'conflict', title: 'Thing closed', description: 'The thing is closed.' }, (since: string) => `Closed since ${since}.`) {}
class InvalidThing extends problem({ code: 'THING.INVALID', kind: 'invalid', title: 'Invalid thing', description: 'A field of the thing is wrong; errors[] names it.' }, fieldOccurrence) {}
class UnknownThing extends problem({ code: 'THING.UNKNOWN', kind: 'not_found', title: 'No such thing', description: 'Answered as the general not-found problem.' }, () => 'No such thing.') {}

describe('problem: error classes declared with what the API documents of their code', () => {
  it('gives a class the code, kind and title of its declaration, and the detail of the occurrence', () => {
    const error = new ThingClosed('noon');
    expect(error).to.be.instanceOf(DomainError).and.instanceOf(ThingClosed);
    expect({ name: error.name, code: error.code, kind: error.kind, title: error.title, detail: error.detail, fields: error.fields }).to.deep.equal({
      name: 'ThingClosed',
      code: 'THING.CLOSED',
      kind: 'conflict',
      title: 'Thing closed',
      detail: 'Closed since noon.',
      fields: [],
    });
  });

  it('names the field of an invalid-field occurrence as a JSON pointer', () => {
    const error = new InvalidThing('name', 'must not be empty');
    expect(error.detail).to.equal('name must not be empty.');
    expect(error.fields).to.deep.equal([{ pointer: '/name', detail: 'must not be empty' }]);
  });

  it('keeps two classes apart for instanceof', () => {
    expect(new InvalidThing('a', 'b')).not.to.be.instanceOf(ThingClosed);
  });

  it('documents every class of an errors file but those answered as the general not-found problem, and passes over its other exports', () => {
    const problems = problemsOf({ ThingClosed, InvalidThing, UnknownThing, helper: () => 'x', table: { code: 'THING.ELSE' } });
    expect(Object.keys(problems)).to.deep.equal(['THING.CLOSED', 'THING.INVALID']);
    expect(problems['THING.CLOSED']).to.deep.equal({ kind: 'conflict', title: 'Thing closed', description: 'The thing is closed.' });
  });
});
