import type { FastifyBaseLogger, FastifyInstance, RawServerDefault } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Config } from '../config.js';
import type { Db, ReadForks } from './db/database.js';
import type { JobQueue } from './queue/job-queue.js';

/** What every use case may depend on, passed explicitly (no globals). */
export type AppContext = {
  config: Config;
  db: Db;
  /** Heavy reads only (statistics, exports, reports), through `inOrganisationReadOnly`: a replica when configured. */
  readDb: Db;
  /** Connections a heavy read may add to its own (`inOrganisationReadOnly`'s fork); null on PGlite. */
  readForks: ReadForks | null;
  queue: JobQueue;
  serverKey: Buffer;
  log: FastifyBaseLogger;
};

export type App = FastifyInstance<RawServerDefault, IncomingMessage, ServerResponse, FastifyBaseLogger, ZodTypeProvider>;
export type RouteModule = (app: App, ctx: AppContext) => void;
