import type { OutboxRescueResult } from '@vigie/domain/rules';
import { api } from '../api/client';
import { filesWithChunks } from './chunks';
import { promised, raw, sealedOutbox, writeKeyring } from './idb';
import { deviceLabel } from './sync';
import { isSealed, toBase64Url, type EscrowPublicKey, type Keyring } from './vault';

/**
 * Unsent work before a wipe after 10 wrong codes (docs/PHONE-SECURITY.md). Nobody typed the code,
 * so the phone cannot read its outbox; it sends the rows still encrypted, with its data key
 * wrapped for the server (vault.ts `escrow`), and the server applies them as a push. Without a
 * network, an escrow or an answer within a few seconds, the wipe goes ahead and the work is lost.
 * A phone a coordinator revoked is refused (`phone.device_revoked`) and wipes all the same.
 * Files (photos, videos, sounds, documents) not yet uploaded are not sent this way: the phone
 * only counts them (`filesNotSent`) so the code screen can say plainly that they are lost.
 */
const ESCROW_KEY = 'vigie.field.escrowKey';
const RESCUE_TIMEOUT_MS = 8_000;

/** The server's escrow public key: asked when online, remembered (it is public) for a code chosen offline. */
export async function escrowKey(): Promise<EscrowPublicKey | null> {
  try {
    const key = await api.get<EscrowPublicKey>('/api/field/escrow-key');
    localStorage.setItem(ESCROW_KEY, JSON.stringify(key));
    return key;
  } catch {
    try {
      const kept = localStorage.getItem(ESCROW_KEY);
      return kept ? (JSON.parse(kept) as EscrowPublicKey) : null;
    } catch {
      return null;
    }
  }
}

function withTimeout<T>(work: Promise<T>): Promise<T> {
  return Promise.race([work, new Promise<T>((_, reject) => setTimeout(() => reject(new Error('timeout')), RESCUE_TIMEOUT_MS))]);
}

/** Sends the sealed outbox for the server to apply; null when there was nothing to send or no way to. */
export async function rescueOutbox(k: Keyring): Promise<OutboxRescueResult | null> {
  if (!k.escrow || !navigator.onLine) return null;
  const rows = await sealedOutbox();
  if (rows.length === 0) return null;
  return withTimeout((async () => {
    // A page loaded without a network has no CSRF token yet: the session answer carries one.
    await api.get('/api/auth/me');
    if (!k.registered) {
      await api.post('/api/field/devices', { id: k.deviceId, label: deviceLabel() });
      await writeKeyring({ ...k, registered: true });
    }
    return api.post<OutboxRescueResult>(`/api/field/devices/${k.deviceId}/rescue`, {
      escrow: k.escrow,
      rows: rows.map(({ key, row }) => ({ key, iv: toBase64Url(row.iv), c: toBase64Url(row.c) })),
    });
  })());
}

/**
 * How many files still have their bytes on the phone, i.e. never reached the server: files with
 * sealed chunks (a file's chunks are deleted once the server stored it) and entries still holding
 * a whole file (`b`, photos kept before chunked storage). Counted without the code, from what
 * IndexedDB shows in clear (ids, which parts a row has); each file's kind and name are sealed and
 * stay unknown.
 */
export async function filesNotSent(): Promise<number> {
  const chunked = await filesWithChunks();
  const whole = await raw(['photos'], 'readonly', async (t) => {
    const rows = await promised(t.objectStore('photos').getAll());
    return rows.filter((r) => isSealed(r) && r.b !== undefined).length;
  });
  return chunked.size + whole;
}
