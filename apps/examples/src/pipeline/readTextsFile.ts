import { readFile } from 'node:fs/promises';
import { CliError } from '../cli/CliError.js';

/** `texts.json`: a non-empty JSON array of strings. */
export async function readTextsFile(path: string, shownAs = path): Promise<string[]> {
  let raw: string;
  try {
    raw = await readFile(path, 'utf8');
  } catch {
    throw new CliError(`${shownAs}: cannot read the texts file`);
  }
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new CliError(`${shownAs}: not valid JSON (${(error as Error).message})`);
  }
  if (!Array.isArray(value)) throw new CliError(`${shownAs}: expected a JSON array of strings`);
  if (value.length === 0) throw new CliError(`${shownAs}: the texts array is empty`);
  const bad = value.findIndex((v) => typeof v !== 'string');
  if (bad !== -1) throw new CliError(`${shownAs}: item ${bad} is not a string`);
  return value as string[];
}
