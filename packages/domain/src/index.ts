export * from './identity/roles.js';
export * from './identity/schemas.js';
export * from './field/index.js';
export * from './evidence/evidence.js';
export * from './legal/index.js';
export * from './statistics/index.js';
export * from './bulletins/index.js';
export * from './reports/index.js';
