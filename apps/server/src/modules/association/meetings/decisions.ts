import canonicalize from 'canonicalize';
import { createHash } from 'node:crypto';

/**
 * A decision's content hash: what the decisions log row and its audit entry both carry. The
 * audit trail holds the full content in a hash-chained entry (altering it breaks the chain,
 * `npm run audit:verify`); the row's hash is recomputed and compared with that entry.
 */
export type DecisionContent = { meetingId: string; text: string; context: string; decidedAt: string };

export function decisionHash(c: DecisionContent): string {
  return createHash('sha256').update(canonicalize({ meetingId: c.meetingId, text: c.text, context: c.context, decidedAt: c.decidedAt })!).digest('hex');
}
