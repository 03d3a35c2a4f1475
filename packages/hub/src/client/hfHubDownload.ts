import type { HubDownloadResult } from '../node/hfHubDownload.js';
import type { HubOptions } from './HubOptions.js';

/**
 * `hf_hub_download` (Node): the file's path in huggingface_hub's cache. The implementation (node/hfHubDownload.ts)
 * is loaded through `#platform` so that the main entry stays free of node:fs for browser bundles.
 */
export async function hfHubDownload(repoId: string, filename: string, options: HubOptions = {}): Promise<HubDownloadResult> {
  const platform = await import('#platform');
  return platform.hfHubDownload(repoId, filename, options);
}
