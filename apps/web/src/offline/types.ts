import type {
  Count, CountField, EvidenceKind, EvictionInput, EvictionStatus, IncidentInput, OperationInput, PhoneScope, ReferenceArea, ReferenceMember,
  ReferenceView, RoundInput, SiteInput, SyncCommand, SyncError, SyncPullView, Tally, CommuneView, TermView, TestimonyOffline,
} from '@vigie/domain/rules';

/**
 * What the phone keeps. Only `import type` from @vigie/domain here and in every module the
 * capture route loads: a runtime import would pull zod (~29 KB gzipped) into the field chunk.
 */

/** Where a local record stands with the server. */
export type SyncState = 'synced' | 'pending' | 'rejected' | 'conflict';

export interface Stored<T> {
  id: string;
  record: T;
  /** Last version the server acknowledged (null: never reached the server). */
  version: number | null;
  syncState: SyncState;
  /** The server's message (already translated) when rejected or in conflict. */
  error: string | null;
  updatedAt: string;
}

export type LocalOperation = Stored<OperationInput>;
export type LocalSite = Stored<SiteInput>;
/**
 * `incomplete`: saved on the phone but not queued yet (no type chosen, a time in the future, a
 * victim without a pseudonym); it joins the outbox as soon as it is complete.
 */
/** `evictionId` null: an incident outside an eviction (it has its own area and place). */
export type LocalIncident = Stored<IncidentInput> & { evictionId: string | null; incomplete?: boolean; rejected?: boolean };

/** Previous figures offered, never written into the record until the observer adopts them. */
export interface Suggestions {
  counts: Partial<Record<CountField, Count>>;
  seized: Tally[];
  destroyed: Tally[];
}

export interface LocalEviction extends Stored<EvictionInput> {
  operationId: string;
  siteId: string;
  status: EvictionStatus;
  rejectionReason: string | null;
  suggestions: Suggestions | null;
  /** The eviction the prefill came from (shown so the observer knows what to check). */
  prefilledFrom: { evictionId: string; arrivedAt: string } | null;
  /** Who recorded it, as the server says (absent until pulled): an observer keeps their own rejected ones. */
  createdById?: string | null;
}

/**
 * Rounds and testimonies are recorded once and leave the phone when the server confirms them
 * (sync.ts); a testimony keeps only its withdrawal code's hash, never the code (issue 16).
 */
export type LocalRound = Stored<RoundInput>;
export type LocalTestimony = Stored<TestimonyOffline>;

export type TableName = 'operations' | 'evictions' | 'incidents' | 'sites' | 'rounds' | 'testimonies';
export type CommandType = SyncCommand['type'];

/** The server's refusal of one command, as `/api/sync/push` answers it. */
export type ServerError = SyncError;

/**
 * One command waiting for the server. `commandId` is fixed when the entry is created and sent
 * unchanged on every retry (the server answers a replay with `replayed`). `baseVersion` is frozen
 * the first time the entry is sent, for the same reason.
 */
export interface OutboxEntry {
  seq?: number;
  commandId: string;
  type: CommandType;
  table: TableName;
  recordId: string;
  record: unknown;
  baseVersion: number | null;
  frozen: boolean;
  state: 'queued' | 'rejected' | 'conflict';
  attempts: number;
  error: ServerError | null;
  /** The server's version reported with a conflict. */
  serverVersion: number | null;
  createdAt: string;
  lastAttemptAt: string | null;
}

/** The reference lists as `/api/field/reference` answers them (the domain's schema), as the phone caches them. */
export type Area = ReferenceArea;
export type Commune = CommuneView;
/** `partOf` is absent from lists cached before parts existed, until the next refresh. */
export type Term = Omit<TermView, 'partOf'> & { partOf?: TermView['partOf'] };
export type Member = ReferenceMember;
export type Reference = Omit<ReferenceView, 'terms'> & { terms: Term[] };

/**
 * A file taken or chosen on the phone — a photo, a video, a sound recording or a document —,
 * uploaded as evidence (POST /api/evidence, then PATCH in chunks) once its record (eviction or
 * incident) is on the server. The bytes stay here until the server says `stored`.
 * `storing`: its bytes are being read, hashed and sealed into the local store; an entry still
 * `storing` that no screen of this tab is writing was interrupted (the app closed meanwhile).
 */
export type PhotoState = 'storing' | 'queued' | 'uploaded' | 'failed';

/**
 * What a file belongs to: an eviction, an incident of that eviction, or an incident outside any
 * eviction (no eviction then). Rows stored before incidents outside an eviction existed all have
 * an eviction and read unchanged (the store's key is the photo's id, its shape did not change).
 */
export type PhotoOwner = { evictionId: string; incidentId: string | null } | { evictionId: null; incidentId: string };

/** The store keeps the name `photos` it had when photos were the only kind (renaming it would mean a migration of every phone). */
export interface PhotoEntry {
  id: string;
  /** null: the file of an incident outside an eviction (`incidentId` is then set). */
  evictionId: string | null;
  /** Set when the file is attached to an incident (uploaded once the incident is on the server). */
  incidentId?: string | null;
  /** Absent on rows kept before other kinds existed: a photo. */
  kind?: EvidenceKind;
  /** Empty while `storing`: the hash is known once the last byte was read. */
  sha256: string;
  name: string;
  type: string;
  size: number;
  /**
   * The bytes of a row kept before chunked storage (whole, sealed with the row). Newer rows keep
   * them in `chunks` sealed records (chunks.ts) and have `blob` null. Dropped only once the
   * server confirmed it stored the very same bytes.
   */
  blob: Blob | null;
  /** How many sealed chunks hold the bytes, of `chunkBytes` each (the last one shorter). */
  chunks?: number;
  chunkBytes?: number;
  capturedAt: string;
  state: PhotoState;
  /** The offset the server last acknowledged, as known on this phone when a run stopped (shown after a reload). */
  sentBytes?: number;
  /** Why the server refused it (already translated), when `failed`. */
  error?: string | null;
  /** Sync runs in a row that stopped on this file without an answer (server errors, stalls). */
  attempts?: number;
  uploadedAt?: string | null;
}

/** Server views come from the domain, the same schemas the server answers with (never re-declared here). */
export type { OperationView, SiteView, IncidentView, EvictionView } from '@vigie/domain/rules';
export type PullResponse = SyncPullView;
