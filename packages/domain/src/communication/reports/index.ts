export * from './annual-report.js';
