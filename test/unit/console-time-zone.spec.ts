import { expect } from 'chai';
import { zonedToIso, zoneLabel } from '../../web/src/lib/format.js';

// The console schedules in the organisation's time zone; the test process may run in any zone.
describe('console: a scheduled time is read in the tenant time zone', () => {
  it('reads a wall-clock time in Amsterdam in winter and in summer', () => {
    expect(zonedToIso('2026-12-02T14:30', 'Europe/Amsterdam')).to.equal('2026-12-02T13:30:00.000Z');
    expect(zonedToIso('2026-07-01T09:00', 'Europe/Amsterdam')).to.equal('2026-07-01T07:00:00.000Z');
  });

  it('lands next to a daylight-saving change on that moment’s offset', () => {
    // 29 March 2026: clocks go from 02:00 CET to 03:00 CEST.
    expect(zonedToIso('2026-03-29T01:30', 'Europe/Amsterdam')).to.equal('2026-03-29T00:30:00.000Z');
    expect(zonedToIso('2026-03-29T03:30', 'Europe/Amsterdam')).to.equal('2026-03-29T01:30:00.000Z');
  });

  it('reads other zones as theirs', () => {
    expect(zonedToIso('2026-12-02T09:00', 'America/New_York')).to.equal('2026-12-02T14:00:00.000Z');
    expect(zonedToIso('2026-12-02T09:00', 'UTC')).to.equal('2026-12-02T09:00:00.000Z');
  });

  it('names the zone with its abbreviation', () => {
    expect(zoneLabel('Europe/Amsterdam', 'en')).to.match(/^Europe\/Amsterdam \((CET|CEST|GMT\+1|GMT\+2)\)$/);
  });
});
