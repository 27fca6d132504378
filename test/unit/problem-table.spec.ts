import { expect } from 'chai';
import { DomainError, fieldOccurrence, problemTable } from '../../src/platform/domain/errors.js';

const errors = problemTable({
  'THING.CLOSED': { kind: 'conflict', title: 'Thing closed', description: 'The thing is closed.' },
  'THING.INVALID': { kind: 'invalid', title: 'Invalid thing', description: 'A field of the thing is wrong; errors[] names it.' },
  'THING.UNKNOWN': { kind: 'not_found', title: 'No such thing', description: 'Answered as the general not-found problem.' },
});

class ThingClosed extends errors.of('THING.CLOSED', (since: string) => `Closed since ${since}.`) {}
class InvalidThing extends errors.of('THING.INVALID', fieldOccurrence) {}

describe('problemTable: error classes made from a module’s table of codes', () => {
  it('gives a class the code, kind and title of its table row, and the detail of the occurrence', () => {
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

  it('keeps two classes of one table apart for instanceof', () => {
    expect(new InvalidThing('a', 'b')).not.to.be.instanceOf(ThingClosed);
  });

  it('documents every code but those answered as the general not-found problem', () => {
    expect(Object.keys(errors.problems)).to.deep.equal(['THING.CLOSED', 'THING.INVALID']);
    expect(errors.problems['THING.CLOSED']).to.deep.equal({ kind: 'conflict', title: 'Thing closed', description: 'The thing is closed.' });
  });

  it('refuses, at load, a class for a code its table does not hold', () => {
    const rows: Record<string, { kind: 'invalid'; title: string; description: string }> = {};
    const loose = problemTable(rows);
    expect(() => loose.of('THING.ELSEWHERE', () => 'x')).to.throw(/THING.ELSEWHERE is not in its module's problem table/);
  });
});
