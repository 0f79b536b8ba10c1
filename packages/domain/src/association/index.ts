export * from './vocabulary.js';
export * from './postings.js';
export * from './job-posting-ld.js';
export * from './applications.js';
export * from './house-vocabulary.js';
export * from './equipment.js';
export * from './meetings.js';
export * from './board-home.js';
