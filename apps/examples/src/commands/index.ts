import type { Command } from '../cli/Command.js';
import { benchCommand } from './benchCommand.js';
import { benchIndexCommand } from './benchIndexCommand.js';
import { classifyCommand } from './classifyCommand.js';
import { configCommand } from './configCommand.js';
import { embedCommand } from './embedCommand.js';
import { exportCommand } from './exportCommand.js';
import { indexCommand } from './indexCommand.js';
import { parityCommand } from './parityCommand.js';
import { preprocessCommand } from './preprocessCommand.js';
import { searchCommand } from './searchCommand.js';
import { serveCommand } from './serveCommand.js';
import { tokenizeCommand } from './tokenizeCommand.js';
import { workerCommand } from './workerCommand.js';

export const commands: readonly Command[] = [classifyCommand, embedCommand, tokenizeCommand, preprocessCommand, indexCommand, searchCommand, workerCommand, serveCommand, parityCommand, configCommand, benchCommand, benchIndexCommand, exportCommand];
