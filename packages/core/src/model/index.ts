export * from './entry.js';
export * from './diagnostic.js';
export * from './event.js';
export * from './finding.js';
export * from './report.js';
