export const LOCALES = ['nl-NL', 'en-GB'] as const;

/** The zones Dutch and Belgian organisations and their overseas parts run in; the API takes any IANA zone. */
export const TIME_ZONES = ['Europe/Amsterdam', 'Europe/Brussels', 'Europe/London', 'America/Curacao', 'America/Aruba', 'America/Kralendijk', 'UTC'];

export const orNull = (value: string) => (value.trim() === '' ? null : value.trim());

/** A sign-in name from the organisation's name: lower case, digits and hyphens, as the API's Slug allows. */
export function slugFrom(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
}
