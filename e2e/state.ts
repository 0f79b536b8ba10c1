import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files the journeys hand over to each other (set-up code, admin credentials). One folder per
 * port, so two runs on one machine (E2E_PORT differs) do not read each other's set-up.
 */
export function stateFile(name: string): string {
  const dir = resolve(fileURLToPath(new URL('.', import.meta.url)), '.state', process.env.E2E_PORT ?? '3190');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}
