/**
 * Europe/Paris calendar dates. Counting is by the day the eviction happened in Calais, not in
 * UTC: an eviction at 00:30 Paris time in summer is 22:30 UTC the day before.
 */
const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' });

export function parisDate(instant: Date | string): string {
  return formatter.format(typeof instant === 'string' ? new Date(instant) : instant);
}
