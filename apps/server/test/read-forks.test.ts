import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Trx } from '../src/platform/db/database.js';
import { inOrganisationReadOnly, type Fork } from '../src/platform/db/organisation-scope.js';
import { startTestVigie, type TestVigie } from './harness.js';

/**
 * A heavy read (the dashboard's summary) may run its independent statements on extra
 * connections, "forks" of its transaction. What a coordinator relies on: the figures of one
 * answer are of one moment — a fork sees exactly the snapshot of the read it belongs to, never
 * a record saved since — and a fork is as confined to the organisation as the read itself.
 * On the embedded database there is one session: a fork is the read's own transaction.
 */
let t: TestVigie;
let orgId: string;

beforeAll(async () => {
  t = await startTestVigie();
  orgId = (await t.setUpAdmin()).user.organisationId;
});
afterAll(async () => { await t?.close(); });

const backend = async (trx: Trx) => (await sql<{ pid: number }>`SELECT pg_backend_pid() AS pid`.execute(trx)).rows[0]!.pid;
const scope = async (trx: Trx) => (await sql<{ org: string; role: string; ro: string }>`
  SELECT current_setting('vigie.organisation_id') AS org, current_user AS role, current_setting('transaction_read_only') AS ro`.execute(trx)).rows[0]!;
const userCount = async (trx: Trx) => Number((await sql<{ n: number }>`SELECT count(*) AS n FROM users`.execute(trx)).rows[0]!.n);

describe('forks of a heavy read', () => {
  it('see the read\'s snapshot and its organisation scope, and run on connections of their own on PostgreSQL', async () => {
    const { readDb, readForks } = t.vigie.ctx;
    const seen = await inOrganisationReadOnly(readDb, orgId, async (trx, fork) => {
      const before = await userCount(trx);
      // A user added and committed on another connection after the read began (PostgreSQL: PGlite's one
      // connection is this read's until it ends, and its forks are the read itself).
      if (t.backend === 'postgres') await t.db.insertInto('users').values({
        organisation_id: orgId, email: `late-${Date.now()}@hro.example`, display_name: 'Late', password_hash: 'x', role: 'observer',
      }).execute();
      const forks = await Promise.all([1, 2, 3].map(() => fork(async (f) => ({ pid: await backend(f), users: await userCount(f), scope: await scope(f) }))));
      return { before, here: await backend(trx), mainAfter: await userCount(trx), forks };
    }, readForks);
    expect(seen.mainAfter).toBe(seen.before);
    for (const f of seen.forks) {
      expect(f.users).toBe(seen.before);
      expect(f.scope).toEqual({ org: orgId, role: 'vigie_app', ro: 'on' });
    }
    if (t.backend === 'postgres') {
      expect(readForks?.size).toBe(2);
      // Three pieces of work, two forks: two on forks, one on the read's own connection.
      expect(new Set([seen.here, ...seen.forks.map((f) => f.pid)]).size).toBe(3);
      expect(seen.forks.filter((f) => f.pid === seen.here)).toHaveLength(1);
    } else {
      expect(readForks).toBeNull();
      expect(seen.forks.map((f) => f.pid)).toEqual([seen.here, seen.here, seen.here]);
    }
    // Outside the read, the user is there.
    expect(await inOrganisationReadOnly(readDb, orgId, userCount)).toBe(seen.before + (t.backend === 'postgres' ? 1 : 0));
  });

  it('runs in the read\'s own transaction when another read holds every fork, rather than wait', async () => {
    const { readDb, readForks } = t.vigie.ctx;
    const sleepy = (seconds: number) => async (trx: Trx, fork: Fork) => {
      const all = await Promise.all([1, 2, 3].map(() => fork(async (f) => {
        await sql`SELECT pg_sleep(${seconds})`.execute(f);
        return backend(f);
      })));
      return { here: await backend(trx), all };
    };
    const first = inOrganisationReadOnly(readDb, orgId, sleepy(0.5), readForks);
    await new Promise((r) => setTimeout(r, 100));
    const second = await inOrganisationReadOnly(readDb, orgId, sleepy(0), readForks);
    const one = await first;
    if (t.backend === 'postgres') {
      expect(new Set(one.all).size).toBe(3);
      // The first read's forks were busy (and the cores shared): the second did all its work on its own connection.
      expect(second.all).toEqual([second.here, second.here, second.here]);
      // Every fork is given back once its lane has committed.
      await vi.waitFor(() => expect(readForks!.busy).toBe(0));
      expect(readForks!.reads).toBe(0);
    } else {
      expect(one.all).toEqual([one.here, one.here, one.here]);
    }
  });

});
