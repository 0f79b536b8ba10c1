export * from './identity/roles.js';
export * from './identity/schemas.js';
export * from './field/index.js';
export * from './evidence/evidence.js';
