import type { Command } from '../cli/Command.js';
import { configCommand } from './configCommand.js';

export const commands: readonly Command[] = [configCommand];
