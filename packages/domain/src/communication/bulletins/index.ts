export * from './bulletin.js';
export * from './bulletin-document.js';
export * from './date-wording.js';
export * from './figure-wording.js';

