export * from './identity/roles.js';
export * from './identity/schemas.js';
export * from './field/index.js';
export * from './field/evidence/evidence.js';
export * from './legal/index.js';
export * from './communication/statistics/index.js';
export * from './communication/bulletins/index.js';
export * from './communication/reports/index.js';
