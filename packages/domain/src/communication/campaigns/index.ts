export * from './post-length.js';
export * from './vocabulary.js';
export * from './campaign.js';
export * from './rules.js';
