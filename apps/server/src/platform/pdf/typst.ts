import { createRequire } from 'node:module';
import type { NodeCompiler } from '@myriaddreamin/typst-ts-node-compiler';

// Typst's native addon (≈ 7 MiB resident) is loaded with the first PDF, not at start-up
// (docs/adr/0010); require() because rendering is synchronous.
const require = createRequire(import.meta.url);
type TypstModule = typeof import('@myriaddreamin/typst-ts-node-compiler');

/**
 * PDFs without a browser: Typst compiled in-process (fonts embedded in the package, nothing
 * fetched, tens of milliseconds a page). Data never goes into the markup: it is handed over as
 * JSON in `sys.inputs.data` and read with `json(bytes(sys.inputs.data))`, so a site name
 * containing Typst syntax ("#", "$", "]") stays text. Images (charts, photos) are in-memory
 * files under a virtual workspace, never written to disk.
 */
const WORKSPACE = '/vigie';
let compiler: NodeCompiler | undefined;

export type TypstFiles = Record<string, Uint8Array>;

export function renderTypstPdf(template: string, data: unknown, files: TypstFiles = {}, createdAt = new Date()): Buffer {
  compiler ??= (require('@myriaddreamin/typst-ts-node-compiler') as TypstModule).NodeCompiler.create({ workspace: WORKSPACE });
  // Compiles are synchronous: no other document's files can slip in between these lines.
  compiler.resetShadow();
  for (const [name, bytes] of Object.entries(files)) compiler.mapShadow(`${WORKSPACE}/${name}`, Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
  try {
    return compiler.pdf(
      { mainFileContent: template, inputs: { data: JSON.stringify(data) } },
      { creationTimestamp: Math.floor(createdAt.getTime() / 1000) },
    );
  } finally {
    compiler.resetShadow();
    // Typst caches compiled fragments globally; the data changes every time.
    compiler.evictCache(10);
  }
}
