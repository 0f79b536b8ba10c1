export * from './keyword-rules.js';
export * from './story-similarity.js';
export * from './canonical-url.js';
export * from './schemas.js';
