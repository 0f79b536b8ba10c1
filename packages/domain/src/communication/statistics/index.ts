export * from './metrics.js';
export * from './dimensions.js';
export * from './schemas.js';
