import { z } from 'zod';

/**
 * The flat and the offices (issue 19): beds are inventory items of kind 'bed', their location
 * the room. A stay runs from the arrival day to the departure day (free again that day); a bed
 * taken twice the same night is refused, naming who already sleeps there.
 */
export const stayInputSchema = z.strictObject({
  bedId: z.uuid(),
  personId: z.uuid().nullable().default(null),
  guestName: z.string().trim().max(120).nullable().default(null),
  arrivesOn: z.iso.date(), leavesOn: z.iso.date(),
  notes: z.string().trim().max(1000).default(''),
});
export type StayInput = z.infer<typeof stayInputSchema>;

export const stayViewSchema = z.object({
  id: z.uuid(), bedId: z.uuid(), personId: z.string().nullable(), name: z.string(), arrivesOn: z.string(), leavesOn: z.string(), notes: z.string(),
});
export type StayView = z.infer<typeof stayViewSchema>;

export const houseCalendarSchema = z.object({
  from: z.string(), to: z.string(),
  rooms: z.array(z.object({ room: z.string(), beds: z.array(z.object({ id: z.uuid(), label: z.string(), stays: z.array(stayViewSchema) })) })),
});
export type HouseCalendar = z.infer<typeof houseCalendarSchema>;
