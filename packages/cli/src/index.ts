export { main, mainUsage, type Io } from './main.js';
export { getExitCode, type FailOn } from './exit-code.js';
export { COMMANDS } from './commands/index.js';
export type { Command } from './command.js';
