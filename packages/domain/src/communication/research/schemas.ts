import { z } from 'zod';
import { DATE_LEVELS, PLACE_LEVELS } from './profile.js';
import { DEFAULT_K } from './suppression.js';

/** What crosses HTTP for the data-sharing desk: agreements, profiles, releases. */
const text = (max: number) => z.string().trim().min(1).max(max);
const day = z.iso.date();

export const agreementCreateSchema = z.strictObject({
  recipientName: text(200),
  recipientEmail: z.email().max(254),
  institution: text(200),
  purpose: text(4000),
  startsOn: day,
  endsOn: day,
  finestDate: z.enum(DATE_LEVELS),
  finestPlace: z.enum(PLACE_LEVELS),
  measures: z.array(z.string().max(60)).min(1).max(30),
});
export type AgreementCreate = z.infer<typeof agreementCreateSchema>;

export const agreementViewSchema = z.object({
  id: z.uuid(),
  recipientName: z.string(),
  recipientEmail: z.string(),
  /** The recipient's contact in the registry (found by address or created with the agreement); null for agreements made before that. */
  contactId: z.uuid().nullable(),
  institution: z.string(),
  purpose: z.string(),
  startsOn: z.string(),
  endsOn: z.string(),
  finestDate: z.enum(DATE_LEVELS),
  finestPlace: z.enum(PLACE_LEVELS),
  measures: z.array(z.string()),
  status: z.enum(['active', 'expired', 'not_started']),
  document: z.object({ name: z.string(), sha256: z.string(), sizeBytes: z.number() }).nullable(),
  createdAt: z.string(),
});
export type AgreementView = z.infer<typeof agreementViewSchema>;

export const profileCreateSchema = z.strictObject({
  name: text(120),
  dateLevel: z.enum(DATE_LEVELS),
  placeLevel: z.enum(PLACE_LEVELS),
  measures: z.array(z.string().max(60)).max(30),
  k: z.number().int().max(1000).default(DEFAULT_K),
  hxl: z.boolean().default(false),
});
export type ProfileCreate = z.infer<typeof profileCreateSchema>;

export const profileViewSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  version: z.number(),
  dateLevel: z.enum(DATE_LEVELS),
  placeLevel: z.enum(PLACE_LEVELS),
  measures: z.array(z.string()),
  k: z.number(),
  hxl: z.boolean(),
  createdAt: z.string(),
});
export type ProfileView = z.infer<typeof profileViewSchema>;

export const releaseCreateSchema = z.strictObject({
  profileId: z.uuid(),
  from: day,
  to: day,
});

export const releaseFileSchema = z.object({ name: z.string(), sha256: z.string(), sizeBytes: z.number() });
export const releaseViewSchema = z.object({
  id: z.uuid(),
  agreementId: z.uuid(),
  profileId: z.uuid(),
  profileName: z.string(),
  profileVersion: z.number(),
  from: z.string(),
  to: z.string(),
  status: z.enum(['queued', 'running', 'done', 'refused', 'failed']),
  /** When refused by the differencing check: the cells that could be recovered. */
  refusedCells: z.array(z.string()),
  files: z.array(releaseFileSchema),
  manifestSha256: z.string().nullable(),
  createdAt: z.string(),
});
export type ReleaseView = z.infer<typeof releaseViewSchema>;

/**
 * The public figures as a Frictionless Data Package with its data inline
 * (`GET /api/public/:slug/datapackage.json`): each field of the descriptor, so nothing leaves
 * undescribed and nothing is added by mistake.
 */
const tableFieldSchema = z.object({
  name: z.string(), type: z.string(), title: z.string().optional(), description: z.string().optional(),
  constraints: z.object({ minimum: z.number().optional(), enum: z.array(z.string()).optional() }).optional(),
});
export const publicDataPackageSchema = z.object({
  $schema: z.string(), name: z.string(), id: z.string(), title: z.string(), description: z.string(), version: z.string(), created: z.string(),
  contributors: z.array(z.object({ title: z.string(), roles: z.array(z.string()) })),
  licenses: z.array(z.object({ name: z.string(), title: z.string() })),
  resources: z.array(z.object({
    name: z.string(), type: z.string(),
    dialect: z.object({ headerRows: z.array(z.number().int()) }).optional(),
    schema: z.object({ fields: z.array(tableFieldSchema), missingValues: z.array(z.string()), primaryKey: z.array(z.string()).optional() }),
    /** One row per cell (period and place) or per total; a suppressed count is null. */
    data: z.array(z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()]))),
  })),
});
export type PublicDataPackage = z.infer<typeof publicDataPackageSchema>;
