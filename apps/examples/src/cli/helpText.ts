import type { Command } from './Command.js';

export function commandHelp(command: Command): string {
  const lines = [`altclip ${command.name} ${command.usage}`, '', command.summary, '', 'Options:'];
  const width = Math.max(...Object.keys(command.options).map((n) => n.length + 3), 10);
  for (const [name, opt] of Object.entries(command.options)) {
    const flag = `--${name}`.padEnd(width);
    const def = opt.default !== undefined ? ` (default: ${opt.default})` : '';
    const req = opt.required ? ' (required)' : '';
    lines.push(`  ${flag} ${opt.description}${req}${def}`);
  }
  lines.push(`  ${'--help'.padEnd(width)} show this help`);
  return `${lines.join('\n')}\n`;
}

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  const lines = ['Usage: altclip <command> [options]', '', 'Commands:'];
  for (const c of commands) lines.push(`  ${c.name.padEnd(width)}  ${c.summary}`);
  lines.push('', 'Run `altclip <command> --help` for a command\'s options.');
  return `${lines.join('\n')}\n`;
}
