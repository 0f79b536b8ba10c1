export * from './vocabulary.js';
export * from './grant.js';
