/**
 * The kinds of evidence and what each accepts, without zod: the phone's capture bundle decides a
 * file's kind and refuses one too large before keeping it, with the very table the server applies.
 */
export const EVIDENCE_KINDS = ['photo', 'video', 'audio', 'document'] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/**
 * The content types accepted per kind, as detected from the bytes (never from the file name).
 * Plain text is not accepted: it has no signature to check a declaration against.
 */
export const EVIDENCE_TYPES: Record<EvidenceKind, readonly string[]> = {
  photo: ['image/jpeg', 'image/png', 'image/webp', 'image/heic', 'image/heif', 'image/avif'],
  video: ['video/mp4', 'video/quicktime', 'video/webm', 'video/3gpp', 'video/3gpp2', 'video/x-m4v', 'video/matroska'],
  audio: ['audio/mpeg', 'audio/mp4', 'audio/x-m4a', 'audio/aac', 'audio/ogg', 'audio/opus', 'audio/wav', 'audio/amr', 'audio/flac', 'audio/webm'],
  document: [
    'application/pdf',
    'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    'application/vnd.oasis.opendocument.text',
  ],
};

const MIB = 1024 * 1024;

/**
 * The largest file of each kind (issue 16). A phone's video of a whole eviction runs to hundreds
 * of megabytes (1080p is about 130 MB a minute), hence 2 GiB; a photo or a scanned document never
 * needs more than its ceiling here. The server's EVIDENCE_MAX_BYTES setting lowers them all (a
 * small disk); it never raises one above this table. The phone checks the table before keeping a file.
 */
export const EVIDENCE_MAX_BYTES: Record<EvidenceKind, number> = {
  photo: 50 * MIB,
  video: 2048 * MIB,
  audio: 300 * MIB,
  document: 100 * MIB,
};

/** Names phones and browsers use for the same type. */
const ALIASES: Record<string, string> = {
  'image/jpg': 'image/jpeg', 'image/pjpeg': 'image/jpeg', 'audio/mp3': 'audio/mpeg', 'audio/x-mp3': 'audio/mpeg',
  'audio/x-wav': 'audio/wav', 'audio/wave': 'audio/wav', 'audio/vnd.wave': 'audio/wav', 'audio/x-flac': 'audio/flac',
  'audio/m4a': 'audio/x-m4a', 'video/x-matroska': 'video/matroska', 'application/x-pdf': 'application/pdf',
  'audio/x-aac': 'audio/aac', 'audio/3gpp': 'video/3gpp', 'audio/amr-wb': 'audio/amr',
};

export function canonicalType(type: string): string {
  const bare = type.split(';')[0]!.trim().toLowerCase();
  return ALIASES[bare] ?? bare;
}

/** The kind a content type belongs to, or null when no kind accepts it. */
export function kindOfType(type: string): EvidenceKind | null {
  const t = canonicalType(type);
  return EVIDENCE_KINDS.find((k) => EVIDENCE_TYPES[k].includes(t)) ?? null;
}

/**
 * The type a phone declares for a file its browser gave no type (some Android pickers do that for
 * .amr, .opus or .m4a recordings), from the name's extension. The server checks it against the bytes.
 */
const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', heic: 'image/heic', heif: 'image/heif', avif: 'image/avif',
  mp4: 'video/mp4', m4v: 'video/x-m4v', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/matroska', '3gp': 'video/3gpp', '3g2': 'video/3gpp2',
  mp3: 'audio/mpeg', m4a: 'audio/x-m4a', aac: 'audio/aac', ogg: 'audio/ogg', oga: 'audio/ogg', opus: 'audio/opus', wav: 'audio/wav',
  amr: 'audio/amr', flac: 'audio/flac', weba: 'audio/webm',
  pdf: 'application/pdf', docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', odt: 'application/vnd.oasis.opendocument.text',
};

/** The file's declared type: the browser's when it is one we accept, otherwise the extension's (or the browser's, to be refused). */
export function declaredTypeOf(file: { name: string; type: string }): string {
  const given = canonicalType(file.type || '');
  if (kindOfType(given)) return given;
  const ext = /\.([a-z0-9]{2,5})$/i.exec(file.name)?.[1]?.toLowerCase();
  return (ext && BY_EXTENSION[ext]) || given || 'application/octet-stream';
}

/**
 * Containers whose members phones label loosely: an iPhone .mov is often sent as video/mp4,
 * a browser's audio recording in WebM is detected as video/webm. Within a family the
 * declaration still matches; across families (a PNG sent as a video) it does not.
 */
const FAMILIES: readonly (readonly string[])[] = [
  ['video/mp4', 'video/quicktime', 'video/3gpp', 'video/3gpp2', 'video/x-m4v', 'audio/mp4', 'audio/x-m4a'],
  ['video/webm', 'audio/webm', 'video/matroska'],
  ['audio/ogg', 'audio/opus', 'video/ogg', 'application/ogg'],
  ['image/heic', 'image/heif'],
];
const familyOf = (type: string) => FAMILIES.find((f) => f.includes(type));

/** True when the detected content is what was announced (same type, or same container family). */
export function matchesDeclaration(declaredType: string, detected: string | null): boolean {
  if (!detected) return false;
  const declared = canonicalType(declaredType);
  const found = canonicalType(detected);
  return declared === found || (familyOf(declared) !== undefined && familyOf(declared) === familyOf(found));
}

/**
 * The kind a file is kept as, once its bytes matched its declaration: the kind of the content
 * found. One exception: a sound declared as such in a container that also carries video (MP4,
 * WebM, Ogg, 3GP) stays a sound — the container's signature cannot tell a recording without
 * pictures apart, the phone that made it can. A video whose bytes say "M4A" becomes a sound.
 */
export function kindOfContent(declaredType: string, detected: string): EvidenceKind | null {
  const declared = kindOfType(declaredType);
  const found = kindOfType(detected);
  if (found === null || found === declared) return declared;
  if (declared === 'audio' && found === 'video') return 'audio';
  return found;
}
