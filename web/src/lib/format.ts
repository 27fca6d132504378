/** Dates and times as the tenant reads them: in its time zone, in the chosen language. */
export function formatDateTime(value: string | Date, options: { language: string; timeZone: string }): string {
  return new Intl.DateTimeFormat(options.language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(typeof value === 'string' ? new Date(value) : value);
}

/** How far a time zone is ahead of UTC at an instant, in minutes. */
function offsetMinutes(instant: Date, timeZone: string): number {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' })
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return Math.round((asUtc - instant.getTime()) / 60_000);
}

/**
 * A wall-clock time as a datetime-local field gives it (2026-12-02T14:30), read in the tenant's
 * time zone rather than the browser's, as an ISO instant. Twice round, so a time next to a
 * daylight-saving change lands on the offset of that moment, not of the first guess.
 */
export function zonedToIso(local: string, timeZone: string): string {
  const [date, time = '00:00'] = local.split('T');
  const [y, m, d] = date!.split('-').map(Number);
  const [hh, mm] = time.split(':').map(Number);
  const wall = Date.UTC(y!, m! - 1, d, hh, mm);
  let instant = wall - offsetMinutes(new Date(wall), timeZone) * 60_000;
  instant = wall - offsetMinutes(new Date(instant), timeZone) * 60_000;
  return new Date(instant).toISOString();
}

/** A time zone as people read it: its name and its current abbreviation or offset (Europe/Amsterdam, CET). */
export function zoneLabel(timeZone: string, language: string): string {
  const short = new Intl.DateTimeFormat(language === 'nl' ? 'nl-NL' : 'en-GB', { timeZone, timeZoneName: 'short' }).formatToParts(new Date()).find((part) => part.type === 'timeZoneName')?.value;
  return short ? `${timeZone} (${short})` : timeZone;
}
