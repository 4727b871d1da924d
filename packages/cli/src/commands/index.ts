import type { Command } from '../command.js';
import { analyzeCommand } from './analyze.js';
import { rulesCommand } from './rules.js';
import { blameCommand } from './blame.js';
import { criticalChainCommand } from './critical-chain.js';
import { timelineCommand } from './timeline.js';
import { checkCommand } from './check.js';
import { diffCommand } from './diff.js';
import { fleetCommand } from './fleet.js';

/** Every `bootlens` command, in the order `bootlens --help` lists them. */
export const COMMANDS: readonly Command[] = [analyzeCommand, blameCommand, criticalChainCommand, timelineCommand, rulesCommand, checkCommand, diffCommand, fleetCommand];
