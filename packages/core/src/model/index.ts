export * from './entry.js';
export * from './diagnostic.js';
export * from './event.js';
export * from './finding.js';
export * from './report.js';
export * from './systemd-analyze.js';
export * from './certificate.js';
