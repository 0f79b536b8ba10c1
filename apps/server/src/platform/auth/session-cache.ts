import type { KyselyPlugin, OperationNode, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';

/**
 * A few seconds' memory of who a session token belongs to, so that a phone flushing its outbox
 * (one request per record) does not look its session up in the database every time (issue 20:
 * one statement of the eight of a submission). Keyed by the token's hash, in this process only.
 *
 * Invalidation: any write this process makes to sessions, users, organisations or
 * organisation_settings — through Kysely, raw SQL included — empties the whole memory (such
 * writes are rare: sign-out, a role change, a deactivated person, a revoked grant, a new
 * locale). With several server processes (`WEB_CONCURRENCY`, or several machines) a write made
 * by another process is not seen here: a signed-out session, a removed role or a deactivated
 * person may still be honoured by this process for at most `SESSION_CACHE_SECONDS` (5 s by
 * default; 0 turns the memory off). That bound is why the lifetime is seconds, not minutes.
 */
const MAX_ENTRIES = 10_000;
const WATCHED = /\b(?:update|delete\s+from|truncate)\s+(?:table\s+)?(?:only\s+)?"?(?:public"?\."?)?"?(?:sessions|users|organisations|organisation_settings)\b/i;

export class SessionCache<T extends object = object> {
  private readonly entries = new Map<string, { user: T; until: number }>();
  constructor(private ttlMs: number) {}

  /** From the configuration at start (`SESSION_CACHE_SECONDS`). */
  configure(ttlSeconds: number): void {
    this.ttlMs = ttlSeconds * 1000;
    this.entries.clear();
  }

  get(tokenHash: string): T | undefined {
    if (this.ttlMs <= 0) return undefined;
    const hit = this.entries.get(tokenHash);
    if (!hit) return undefined;
    if (hit.until <= Date.now()) {
      this.entries.delete(tokenHash);
      return undefined;
    }
    return hit.user;
  }

  set(tokenHash: string, user: T): void {
    if (this.ttlMs <= 0) return;
    // A crude bound: tokens are many only under attack or at a large deployment; forget them all.
    if (this.entries.size >= MAX_ENTRIES) this.entries.clear();
    this.entries.set(tokenHash, { user, until: Date.now() + this.ttlMs });
  }

  forgetAll(): void {
    this.entries.clear();
  }

  /** The Kysely plugin that empties the memory whenever a statement changes what a session says. */
  invalidationPlugin(): KyselyPlugin {
    return {
      transformQuery: ({ node }: PluginTransformQueryArgs): RootOperationNode => {
        if (this.entries.size > 0 && changesSessions(node)) this.forgetAll();
        return node;
      },
      transformResult: async ({ result }: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> => result,
    };
  }
}

const WATCHED_TABLES = new Set(['sessions', 'users', 'organisations', 'organisation_settings']);

function changesSessions(node: RootOperationNode): boolean {
  switch (node.kind) {
    case 'UpdateQueryNode': return touches(node.table);
    case 'DeleteQueryNode': return node.from.froms.some(touches);
    case 'RawNode': return node.sqlFragments.some((f) => WATCHED.test(f));
    default: return false;
  }
}

/** A table reference (possibly aliased) naming one of the watched tables. */
function touches(ref: OperationNode | undefined): boolean {
  if (!ref) return false;
  if (ref.kind === 'AliasNode') return touches((ref as unknown as { node: OperationNode }).node);
  if (ref.kind === 'TableNode') return WATCHED_TABLES.has((ref as unknown as { table: { identifier: { name: string } } }).table.identifier.name);
  return false;
}

/**
 * One per process: every database handle of the process installs its invalidation plugin, and
 * the services that end or change sessions (sign-out, role change, deactivation, a confirmed
 * grant, a new password) call `forgetAll` again once their transaction has committed, so a
 * request racing the commit cannot put the old state back for the rest of the lifetime.
 */
export const sessionCache = new SessionCache(5000);
// (Holds session-store's SessionUser; typed where it is read, since the database handle imports this file.)
