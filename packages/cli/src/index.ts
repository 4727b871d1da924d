export { main, type Io } from './main.js';
export { getExitCode, type FailOn } from './exit-code.js';
export { parseCommandLine, USAGE } from './args.js';
