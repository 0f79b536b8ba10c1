import type { OutboxRescueResult } from '@vigie/domain/rules';
import { api } from '../api/client';
import { sealedOutbox, writeKeyring } from './idb';
import { deviceLabel } from './sync';
import { toBase64Url, type EscrowPublicKey, type Keyring } from './vault';

/**
 * Unsent work before a wipe after 10 wrong codes (docs/PHONE-SECURITY.md). Nobody typed the code,
 * so the phone cannot read its outbox; it sends the rows still encrypted, with its data key
 * wrapped for the server (vault.ts `escrow`), and the server applies them as a push. Without a
 * network, an escrow or an answer within a few seconds, the wipe goes ahead and the work is lost.
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
