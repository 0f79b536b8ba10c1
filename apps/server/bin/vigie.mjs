#!/usr/bin/env node
// `npx vigie …` from the repository root (see "bin" in the root package.json). Runs the compiled
// command (apps/server/dist/vigie.js), compiling the server first if a source changed since the
// last build (docs/adr/0010-compiled-server.md).
import { ensureBuilt } from '../scripts/build.mjs';

await ensureBuilt({ quiet: true });
await import('../dist/vigie.js');
