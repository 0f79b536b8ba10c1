import { createCipheriv, createDecipheriv, hkdfSync, randomBytes, type CipherGCM, type DecipherGCM } from 'node:crypto';

/**
 * AES-256-GCM for large files at rest (evidence originals), streamed. Each file has its own
 * key, derived with HKDF-SHA256 from the server key and the file's id: a leaked file key
 * exposes one file, and no per-file key has to be stored. The random 96-bit IV and the
 * 128-bit tag are kept in the database beside the file's record, not in the stored object.
 */
const SALT = Buffer.from('vigie/file-cipher/v1');

export function fileKey(serverKey: Buffer, fileId: string): Buffer {
  return Buffer.from(hkdfSync('sha256', serverKey, SALT, Buffer.from(fileId, 'utf8'), 32));
}

export type FileEncryption = { cipher: CipherGCM; iv: Buffer };

export function fileEncryptor(serverKey: Buffer, fileId: string): FileEncryption {
  const iv = randomBytes(12);
  return { cipher: createCipheriv('aes-256-gcm', fileKey(serverKey, fileId), iv), iv };
}

/**
 * A stream that decrypts; it fails at its end if the stored bytes or the tag were altered
 * (GCM authenticates only once everything has been read), so a reader must treat an errored
 * stream as "this copy is not the original".
 */
export function fileDecryptor(serverKey: Buffer, fileId: string, iv: Buffer, tag: Buffer): DecipherGCM {
  const decipher = createDecipheriv('aes-256-gcm', fileKey(serverKey, fileId), iv);
  decipher.setAuthTag(tag);
  return decipher;
}
