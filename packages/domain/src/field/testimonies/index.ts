export * from './vocabulary.js';
export * from './testimony.js';
export * from './consent-texts/consent-text.js';
