export * from './public-site.js';
