import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CliError } from '../cli/CliError.js';
import { isImageUrl } from './fetchImage.js';

/**
 * A URL list file: one http(s) URL per line; blank lines and lines starting with `#` are skipped; a URL
 * listed twice is indexed once. Anything else is refused with its line number (a typo is not silently
 * dropped from an index).
 */
export async function readUrlList(file: string, name = file): Promise<string[]> {
  if (!existsSync(file)) throw new CliError(`${name}: no such URL list file`);
  const urls = new Set<string>();
  for (const [i, raw] of (await readFile(file, 'utf8')).split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(line);
    } catch {
      throw new CliError(`${name}: line ${i + 1}: expected an http(s) URL, got ${JSON.stringify(line.slice(0, 200))}`);
    }
    if (!isImageUrl(url.href)) throw new CliError(`${name}: line ${i + 1}: expected an http(s) URL, got ${url.protocol} ${JSON.stringify(line.slice(0, 200))}`);
    urls.add(url.href);
  }
  if (urls.size === 0) throw new CliError(`${name}: no URLs (one http(s) URL per line)`);
  return [...urls];
}
