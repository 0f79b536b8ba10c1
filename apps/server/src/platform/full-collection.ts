import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * A full garbage collection, for the rare long stream that makes hundreds of MB of short-lived
 * text (the 1,000,000-row CSV export). V8 grows its old generation lazily: batches of rows
 * that happen to be alive at a young collection are promoted and then die there, and nothing
 * collects them until the heap has grown by about its own size. Measured on that export: the
 * heap held ≈ 140 MiB of dead rows at the end; with a full collection every 100,000 lines,
 * +7 MiB (docs/PERFORMANCE.md, "Export"). `gc` is taken from a fresh context so that the flag
 * puts no `gc` on our own global object.
 */
let collect: (() => void) | undefined;

export function fullCollection(): void {
  if (!collect) {
    setFlagsFromString('--expose-gc');
    collect = runInNewContext('gc') as () => void;
  }
  collect();
}
