/** Dates and times as the tenant reads them: in its time zone, in the chosen language. */
export function formatDateTime(value: string | Date, options: { language: string; timeZone: string }): string {
  return new Intl.DateTimeFormat(options.language === 'nl' ? 'nl-NL' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: options.timeZone,
  }).format(typeof value === 'string' ? new Date(value) : value);
}
