import { z } from 'zod';
import { mondayOf } from './internships.js';

/**
 * Volunteer availability (issue 18, item 5): each team member says when they can usually come —
 * weekly slots, an ISO weekday (1 Monday … 7 Sunday) × a part of the day — plus dates away and a
 * short note. The field pole leaves at dawn, so "early" is the convoy slot (5h–8h) before the
 * morning. Coordinators read a week of it, away days removed, to fill the rota.
 */
export const DAY_PARTS = ['early', 'morning', 'afternoon', 'evening'] as const;
export type DayPart = (typeof DAY_PARTS)[number];
export const WEEKDAYS = [1, 2, 3, 4, 5, 6, 7] as const;
export const MAX_AWAY_PERIODS = 30;

/**
 * What a person sends: the whole of their availability, which replaces the previous one. Weekday
 * and part are checked by `checkAvailability` (not by the schema) so that an unknown one gets a
 * message naming the days and parts allowed, not a bare "value not allowed".
 */
export const availabilityInputSchema = z.strictObject({
  slots: z.array(z.strictObject({ weekday: z.number().int(), part: z.string().trim().max(40) })).max(WEEKDAYS.length * DAY_PARTS.length * 2),
  away: z.array(z.strictObject({ startsOn: z.iso.date(), endsOn: z.iso.date(), note: z.string().trim().max(200).default('') })).max(MAX_AWAY_PERIODS),
  note: z.string().trim().max(500).default(''),
});
/** What a screen sends (note optional) and what a route hands its service once parsed. */
export type AvailabilityInput = z.input<typeof availabilityInputSchema>;
export type AvailabilityBody = z.output<typeof availabilityInputSchema>;

export type AvailabilitySlot = { weekday: number; part: DayPart };
export type AwayPeriod = { startsOn: string; endsOn: string; note: string };
export type AvailabilityProblem =
  | { problem: 'unknown_slot'; weekday: number; part: string }
  | { problem: 'away_ends_before_start'; startsOn: string; endsOn: string };

const isPart = (p: string): p is DayPart => (DAY_PARTS as readonly string[]).includes(p);

/** The input, checked and put in order (slots deduplicated and sorted, periods by start), or its first problem. */
export function checkAvailability(input: AvailabilityBody): { slots: AvailabilitySlot[]; away: AwayPeriod[]; note: string } | AvailabilityProblem {
  const slots = new Map<string, AvailabilitySlot>();
  for (const s of input.slots) {
    if (!(WEEKDAYS as readonly number[]).includes(s.weekday) || !isPart(s.part)) return { problem: 'unknown_slot', weekday: s.weekday, part: s.part };
    slots.set(`${s.weekday}:${s.part}`, { weekday: s.weekday, part: s.part });
  }
  for (const a of input.away) if (a.endsOn < a.startsOn) return { problem: 'away_ends_before_start', startsOn: a.startsOn, endsOn: a.endsOn };
  const order = (s: AvailabilitySlot) => s.weekday * 10 + DAY_PARTS.indexOf(s.part);
  return {
    slots: [...slots.values()].sort((a, b) => order(a) - order(b)),
    away: [...input.away].sort((a, b) => a.startsOn.localeCompare(b.startsOn)),
    note: input.note,
  };
}

const personSchema = z.object({ id: z.uuid(), displayName: z.string() });
const slotSchema = z.object({ weekday: z.number().int().min(1).max(7), part: z.enum(DAY_PARTS) });
const awaySchema = z.object({ startsOn: z.string(), endsOn: z.string(), note: z.string() });

export const availabilityViewSchema = z.object({
  person: personSchema,
  slots: z.array(slotSchema),
  away: z.array(awaySchema),
  note: z.string(),
  /** When it was last saved (ISO), null if never. */
  updatedAt: z.string().nullable(),
});
export type AvailabilityView = z.infer<typeof availabilityViewSchema>;

export const availabilityWeekQuerySchema = z.strictObject({ week: z.iso.date().optional() });

export const availabilityWeekSchema = z.object({
  monday: z.string(),
  days: z.array(z.object({
    date: z.string(), weekday: z.number().int(),
    parts: z.array(z.object({ part: z.enum(DAY_PARTS), people: z.array(personSchema) })),
  })),
  /** The active people and what they said, those who said nothing included (to be asked). */
  people: z.array(z.object({ person: personSchema, slotCount: z.number().int(), awayThisWeek: z.array(awaySchema), note: z.string(), updatedAt: z.string().nullable() })),
});
export type AvailabilityWeek = z.infer<typeof availabilityWeekSchema>;

const DAY_MS = 86_400_000;
const addDays = (iso: string, n: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** Who is available each day and part of the week of `date` (any day of it): their weekly slot, unless away that day. */
export function availabilityWeek(date: string, people: ReadonlyArray<Omit<AvailabilityView, 'person'> & { person: { id: string; displayName: string } }>): AvailabilityWeek {
  const monday = mondayOf(date);
  const sunday = addDays(monday, 6);
  const days = WEEKDAYS.map((weekday) => {
    const day = addDays(monday, weekday - 1);
    return {
      date: day, weekday,
      parts: DAY_PARTS.map((part) => ({
        part,
        people: people.filter((p) => p.slots.some((s) => s.weekday === weekday && s.part === part) && !p.away.some((a) => a.startsOn <= day && a.endsOn >= day))
          .map((p) => p.person),
      })),
    };
  });
  return {
    monday, days,
    people: people.map((p) => ({
      person: p.person, slotCount: p.slots.length, note: p.note, updatedAt: p.updatedAt,
      awayThisWeek: p.away.filter((a) => a.startsOn <= sunday && a.endsOn >= monday),
    })),
  };
}
