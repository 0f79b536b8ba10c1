import { createDecipheriv, createECDH, hkdfSync } from 'node:crypto';

/**
 * The phones' escrow key (docs/PHONE-SECURITY.md, "10 wrong codes"): a P-256 key pair derived
 * from the server key, so it needs no storage and is the same on every instance. A phone wraps
 * its local data key under the public half when the observer chooses or gives their code; the
 * phone cannot unwrap it again. When the tenth wrong code is about to wipe the phone, the phone
 * sends its still-encrypted outbox with that wrapped key, and only the server can open it, so
 * the unsent work reaches the server although nobody typed the code.
 *
 * The wrapping is ECIES: an ephemeral P-256 key on the phone, ECDH with this key, HKDF-SHA-256
 * (info "vigie-phone-escrow-v1", no salt) to an AES-256-GCM key, 12-byte IV, tag appended (WebCrypto's layout).
 */
const INFO = 'vigie-phone-escrow-v1';
const CURVE_ORDER = BigInt('0xffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551');

function escrowEcdh(serverKey: Buffer) {
  const ecdh = createECDH('prime256v1');
  for (let i = 0; ; i += 1) {
    const d = Buffer.from(hkdfSync('sha256', serverKey, Buffer.alloc(0), `vigie-phone-escrow-key-${i}`, 32));
    const n = BigInt(`0x${d.toString('hex')}`);
    // A scalar outside [1, n-1] is not a key (probability about 2^-32): derive the next one.
    if (n > 0n && n < CURVE_ORDER) {
      ecdh.setPrivateKey(d);
      return ecdh;
    }
  }
}

/** The public half as a JWK the phone imports with WebCrypto (ECDH, P-256). */
export function escrowPublicJwk(serverKey: Buffer): { kty: 'EC'; crv: 'P-256'; x: string; y: string } {
  const point = escrowEcdh(serverKey).getPublicKey();
  return { kty: 'EC', crv: 'P-256', x: point.subarray(1, 33).toString('base64url'), y: point.subarray(33, 65).toString('base64url') };
}

export type WrappedEscrow = { x: string; y: string; iv: string; wrapped: string };

/** The phone's data key (raw AES-256 bytes) from its escrow; throws when it was not wrapped for this server. */
export function openEscrow(serverKey: Buffer, e: WrappedEscrow): Buffer {
  const ephemeral = Buffer.concat([Buffer.from([4]), Buffer.from(e.x, 'base64url'), Buffer.from(e.y, 'base64url')]);
  const shared = escrowEcdh(serverKey).computeSecret(ephemeral);
  const kek = Buffer.from(hkdfSync('sha256', shared, Buffer.alloc(0), INFO, 32));
  return openGcm(kek, Buffer.from(e.iv, 'base64url'), Buffer.from(e.wrapped, 'base64url'), Buffer.from('vigie-data-key-escrow'));
}

/** AES-256-GCM as WebCrypto writes it: the 16-byte tag at the end of the ciphertext. */
export function openGcm(key: Buffer, iv: Buffer, sealed: Buffer, aad: Buffer): Buffer {
  if (sealed.length < 16) throw new Error('sealed data too short');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(sealed.subarray(sealed.length - 16));
  return Buffer.concat([decipher.update(sealed.subarray(0, sealed.length - 16)), decipher.final()]);
}
