import { z } from 'zod';

/**
 * What a phone may hold (issue 16): the lists, the sites of the observer's areas, the observer's
 * unsent work, and the last `prefillDays` days of evictions of those areas.
 */
export const PREFILL_DAYS = { min: 1, max: 90, default: 14 } as const;

export const phoneSettingsSchema = z.object({
  prefillDays: z.number().int().min(PREFILL_DAYS.min).max(PREFILL_DAYS.max),
});
export type PhoneSettings = z.infer<typeof phoneSettingsSchema>;

/** The scope a pull was computed for: the phone drops what falls outside it. */
export const phoneScopeSchema = z.object({
  areaIds: z.array(z.string()),
  prefillDays: z.number().int(),
  /** First Paris calendar day kept (evictions before it leave the phone once sent). */
  since: z.string(),
  /**
   * Unverified evictions of others: `all` for those who verify or use evidence, `own` for everyone
   * else (their own and those of operations they attended). A change is a new scope: the phone
   * pulls again from the start and drops what the answer's `gone` lists.
   */
  unverified: z.enum(['all', 'own']),
});
export type PhoneScope = z.infer<typeof phoneScopeSchema>;

export const observerAreasSchema = z.object({ areaIds: z.array(z.uuid()).max(50) });
export const observerAreasViewSchema = z.object({
  observers: z.array(z.object({ userId: z.string(), displayName: z.string(), role: z.string(), areaIds: z.array(z.string()) })),
});

export const deviceRegistrationSchema = z.object({ id: z.uuid(), label: z.string().trim().min(1).max(80) });
export const deviceViewSchema = z.object({
  id: z.string(), label: z.string(), userId: z.string(), displayName: z.string(), registeredAt: z.string(), lastSeenAt: z.string(),
  revokedAt: z.string().nullable(), wipedAt: z.string().nullable(),
});
export type DeviceView = z.infer<typeof deviceViewSchema>;
/** What a phone learns at each contact: whether it must wipe its local data. */
export const deviceStatusSchema = z.object({ revoked: z.boolean() });

const b64url = (max: number) => z.string().regex(/^[A-Za-z0-9_-]+$/).max(max);

/** The server's escrow public key (P-256, ECDH): a phone wraps its data key under it (docs/PHONE-SECURITY.md). */
export const escrowKeySchema = z.object({ kty: z.literal('EC'), crv: z.literal('P-256'), x: z.string(), y: z.string() });

/**
 * What a phone about to wipe itself after the tenth wrong code sends: its data key wrapped for the
 * server (the ephemeral public point, IV and ciphertext), and its outbox rows still encrypted as
 * they are stored (their key in the store, IV, ciphertext). Photos are not sent this way.
 */
export const outboxRescueSchema = z.strictObject({
  escrow: z.strictObject({ x: b64url(64), y: b64url(64), iv: b64url(24), wrapped: b64url(96) }),
  rows: z.array(z.strictObject({ key: z.number().int().min(0), iv: b64url(24), c: b64url(400_000) })).max(500),
});
export type OutboxRescue = z.infer<typeof outboxRescueSchema>;
export const outboxRescueResultSchema = z.object({ sent: z.number().int(), applied: z.number().int(), refused: z.number().int() });
export type OutboxRescueResult = z.infer<typeof outboxRescueResultSchema>;
