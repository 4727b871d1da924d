import type { Command } from '../command.js';
import { analyzeCommand } from './analyze.js';

/** Every `bootlens` command, in the order `bootlens --help` lists them. */
export const COMMANDS: readonly Command[] = [analyzeCommand];
