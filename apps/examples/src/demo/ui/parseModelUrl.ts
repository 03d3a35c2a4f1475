import { DemoInputError } from '../DemoInputError.js';

/**
 * The URL typed for an exported folder, absolute and ending in `/` (files are resolved inside it).
 * Resolved against the page here: a worker would resolve a relative URL against its own script.
 */
export function parseModelUrl(typed: string, pageUrl: string): string {
  const text = typed.trim();
  if (text === '') throw new DemoInputError('model URL: enter the URL of a folder written by `altclip export` (it holds altclip_export.json)');
  let url: URL;
  try {
    url = new URL(text.endsWith('/') ? text : `${text}/`, pageUrl);
  } catch {
    throw new DemoInputError(`model URL: "${text}" is not a URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new DemoInputError(`model URL: expected an http(s) URL, got "${text}"`);
  return url.href;
}
