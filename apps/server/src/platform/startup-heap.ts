import { setFlagsFromString } from 'node:v8';

/**
 * V8's young generation (its "new space") grows from 1 MiB to 16 MiB per half when much of
 * what is allocated survives a collection, and gives the pages back only when its memory
 * reducer runs, ≈ 30 s or more after the last busy moment. Start-up is such a moment: loading
 * the modules and building every route and schema grew it to ≈ 30 MiB resident, which an idle
 * server then kept (measured: 150 MiB idle 3 s after start-up, 122 MiB after 40 s, with nothing
 * done in between). So the young generation does not grow while the server starts, and grows
 * as V8 decides once it serves: capping it for good (`--max-semi-space-size=1`) cost ≈ 8 % more
 * CPU per request and more memory under load (docs/PERFORMANCE.md, "Idle memory"). The flag is
 * read at each growth decision, so setting it at run time is enough; a growth factor given to
 * Node explicitly wins.
 */
const GIVEN = process.execArgv.some((a) => a.includes('semi-space'));
const V8_DEFAULT_GROWTH = 2;

export function holdYoungGenerationDuringStartup(): void {
  if (!GIVEN) setFlagsFromString('--semi-space-growth-factor=1');
}

export function releaseYoungGeneration(): void {
  if (!GIVEN) setFlagsFromString(`--semi-space-growth-factor=${V8_DEFAULT_GROWTH}`);
}
