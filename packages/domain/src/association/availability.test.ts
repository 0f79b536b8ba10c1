import { describe, expect, it } from 'vitest';
import { availabilityWeek, checkAvailability } from './availability.js';

const ana = { id: '00000000-0000-4000-8000-000000000001', displayName: 'Ana' };

describe('availability', () => {
  it('refuses an unknown day or part and a period upside down; orders and deduplicates slots', () => {
    expect(checkAvailability({ slots: [{ weekday: 0, part: 'morning' }], away: [], note: '' })).toMatchObject({ problem: 'unknown_slot', weekday: 0 });
    expect(checkAvailability({ slots: [{ weekday: 1, part: 'night' }], away: [], note: '' })).toMatchObject({ problem: 'unknown_slot', part: 'night' });
    expect(checkAvailability({ slots: [], away: [{ startsOn: '2027-01-10', endsOn: '2027-01-09', note: '' }], note: '' })).toMatchObject({ problem: 'away_ends_before_start' });
    expect(checkAvailability({ slots: [{ weekday: 2, part: 'evening' }, { weekday: 2, part: 'early' }, { weekday: 2, part: 'evening' }], away: [], note: '' }))
      .toMatchObject({ slots: [{ weekday: 2, part: 'early' }, { weekday: 2, part: 'evening' }] });
  });

  it('places a person on their weekday slots of the week, except the days they are away', () => {
    const week = availabilityWeek('2027-03-04', [{
      person: ana, slots: [{ weekday: 1, part: 'early' }, { weekday: 7, part: 'early' }], note: '', updatedAt: null,
      away: [{ startsOn: '2027-03-07', endsOn: '2027-03-20', note: '' }],
    }]);
    expect(week.monday).toBe('2027-03-01');
    const early = (date: string) => week.days.find((d) => d.date === date)!.parts.find((p) => p.part === 'early')!.people;
    expect(early('2027-03-01')).toEqual([ana]);
    expect(early('2027-03-07')).toEqual([]);
    expect(week.people[0]!.awayThisWeek).toHaveLength(1);
  });
});
