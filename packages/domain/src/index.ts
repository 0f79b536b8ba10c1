export * from './identity/roles.js';
export * from './identity/schemas.js';
