import { kindOfType, type EvidenceKind } from '@vigie/domain';
import { loadFileType, loadSharp, onFirstUse } from '../../../platform/on-first-use.js';

const loadExifr = onFirstUse(async () => (await import('exifr')).default);

/**
 * What the server learns from a file's bytes: its real type (file-type reads the signature,
 * never the name), a whitelist of EXIF fields with the GPS position (exifr), and for photos a
 * publication copy with every metadata block removed (sharp re-encodes the pixels).
 */

/**
 * Whether a phone may declare this type for this kind. The kind follows the type (the domain's
 * table); a phone naming a kind names the type's own kind.
 */
export function isAllowedDeclaration(kind: EvidenceKind | undefined, declaredType: string): boolean {
  const typeKind = kindOfType(declaredType);
  return typeKind !== null && (kind === undefined || kind === typeKind);
}

export async function detectType(path: string): Promise<string | null> {
  const { fileTypeFromFile } = await loadFileType();
  return (await fileTypeFromFile(path))?.mime ?? null;
}

export type Gps = { latitude: number; longitude: number; altitude: number | null };
export type MediaMetadata = { exif: Record<string, string | number> | null; gps: Gps | null; capturedAt: Date | null };

/** Fields useful to authenticate a picture in court; owner names, serial numbers and maker notes are left out. */
const EXIF_FIELDS = [
  'Make', 'Model', 'Software', 'LensModel', 'Orientation', 'DateTimeOriginal', 'OffsetTimeOriginal', 'CreateDate',
  'ModifyDate', 'ExifImageWidth', 'ExifImageHeight', 'ImageWidth', 'ImageHeight',
  'GPSLatitude', 'GPSLatitudeRef', 'GPSLongitude', 'GPSLongitudeRef', 'GPSAltitude', 'GPSAltitudeRef',
  'GPSDateStamp', 'GPSTimeStamp', 'GPSImgDirection',
];
const EXIF_IN_JSON = new Set(EXIF_FIELDS.filter((f) => !f.startsWith('GPS') || f === 'GPSDateStamp' || f === 'GPSImgDirection'));

function plainValue(v: unknown): string | number | null {
  if (typeof v === 'string') return v.slice(0, 200);
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  return null;
}

const EMPTY: MediaMetadata = { exif: null, gps: null, capturedAt: null };

/**
 * Reads only the image kinds exifr understands. A broken or hostile EXIF block must never
 * cost the evidence: on any parsing error the file is kept without metadata.
 */
export async function readMetadata(path: string, kind: EvidenceKind): Promise<MediaMetadata> {
  if (kind !== 'photo') return EMPTY;
  let raw: Record<string, unknown> | undefined;
  const exifr = await loadExifr();
  try {
    raw = await exifr.parse(path, {
      tiff: true, exif: true, gps: true, ifd1: false, interop: false, xmp: false, icc: false, iptc: false, jfif: false, ihdr: false,
      makerNote: false, userComment: false, pick: EXIF_FIELDS, reviveValues: false, translateValues: false,
    });
  } catch {
    return EMPTY;
  }
  if (!raw) return EMPTY;
  const exif: Record<string, string | number> = {};
  for (const [key, value] of Object.entries(raw)) {
    const v = plainValue(value);
    if (EXIF_IN_JSON.has(key) && v !== null) exif[key] = v;
  }
  return { exif: Object.keys(exif).length ? exif : null, gps: gpsOf(raw), capturedAt: captureTime(raw) };
}

function dms(value: unknown, ref: unknown, negative: string): number | null {
  if (!Array.isArray(value) || value.length !== 3 || !value.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  const [d, m, s] = value as [number, number, number];
  const decimal = d + m / 60 + s / 3600;
  return String(ref).toUpperCase() === negative ? -decimal : decimal;
}

function gpsOf(raw: Record<string, unknown>): Gps | null {
  const latitude = dms(raw.GPSLatitude, raw.GPSLatitudeRef, 'S');
  const longitude = dms(raw.GPSLongitude, raw.GPSLongitudeRef, 'W');
  if (latitude === null || longitude === null || Math.abs(latitude) > 90 || Math.abs(longitude) > 180) return null;
  const ref = raw.GPSAltitudeRef instanceof Uint8Array ? raw.GPSAltitudeRef[0] : Number(raw.GPSAltitudeRef ?? 0);
  const altitude = typeof raw.GPSAltitude === 'number' && Number.isFinite(raw.GPSAltitude)
    ? (ref === 1 ? -raw.GPSAltitude : raw.GPSAltitude) : null;
  return { latitude, longitude, altitude };
}

/** EXIF times carry no zone; only one with its OffsetTimeOriginal says which instant it was. */
function captureTime(raw: Record<string, unknown>): Date | null {
  const t = raw.DateTimeOriginal;
  const offset = raw.OffsetTimeOriginal;
  if (typeof t !== 'string' || typeof offset !== 'string' || !/^[+-]\d{2}:\d{2}$/.test(offset)) return null;
  const m = /^(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})$/.exec(t);
  if (!m) return null;
  const d = new Date(`${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}${offset}`);
  return Number.isNaN(d.getTime()) ? null : d;
}

/**
 * The publication copy of a photo: pixels re-encoded as JPEG, turned upright first (the
 * orientation tag goes with the rest), with no EXIF, GPS, XMP, IPTC or ICC block at all —
 * sharp writes none unless asked to. Resolves false when the image cannot be decoded here
 * (HEIC needs a codec the prebuilt library lacks): the original is kept all the same.
 */
export async function makePublicCopy(source: string, target: string, maxPixels: number): Promise<boolean> {
  // Outside the try: a sharp that cannot load is a broken installation, not an undecodable image.
  const sharp = await loadSharp();
  try {
    // limitInputPixels: libvips itself refuses to decode more, whatever the header said.
    await sharp(source, { failOn: 'error', limitInputPixels: maxPixels, sequentialRead: true }).rotate().flatten({ background: '#ffffff' }).jpeg({ quality: 88 }).toFile(target);
    return true;
  } catch {
    return false;
  }
}

/**
 * Image types the server's sharp (prebuilt libvips) decodes: one of them that makePublicCopy
 * refuses is a damaged file, not a missing codec. HEIC/HEIF are not here: their HEVC codec is
 * not in the prebuilt library, so such a photo has no publication copy, by design.
 */
const DECODED_HERE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/avif']);

export function decodableHere(detectedType: string | null): boolean {
  return detectedType !== null && DECODED_HERE.has(detectedType);
}

/**
 * An image's size read from its header only (sharp's metadata decodes no pixel), so a
 * decompression bomb — a small PNG that decodes to 16,000 × 16,000 pixels, a gigabyte of
 * memory — is refused before it costs anything. Null when the header cannot be read (HEIC
 * without a codec, a damaged file): the decoder's own limit still applies.
 */
export async function imageDimensions(path: string): Promise<{ width: number; height: number } | null> {
  const sharp = await loadSharp();
  try {
    const { width, height } = await sharp(path, { limitInputPixels: false }).metadata();
    return width && height ? { width, height } : null;
  } catch {
    return null;
  }
}
