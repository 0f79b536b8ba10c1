import { loadPostgresDriver } from './platform/db/postgres-driver.js';
import { holdYoungGenerationDuringStartup } from './platform/startup-heap.js';

/**
 * `npm start`'s entry. The young generation is held at its smallest before anything else is
 * loaded (platform/startup-heap.ts): the server's own modules and every package are imported
 * only after that, hence the dynamic import (a static one would be evaluated first).
 */
holdYoungGenerationDuringStartup();
await loadPostgresDriver();
await import('./serve.js');
