import type { HubOptions } from '../client/HubOptions.js';
import type { HubEnvironment } from '../client/hubEnvironment.js';

export interface HubSettings {
  readonly cacheDir: string;
  readonly endpoint: string;
  readonly localFilesOnly: boolean;
  readonly headers: Record<string, string>;
  readonly fetch: typeof fetch;
}

/**
 * huggingface_hub's defaults on Node: cache `HF_HUB_CACHE` → `$HF_HOME/hub` → `$XDG_CACHE_HOME/huggingface/hub`
 * → `~/.cache/huggingface/hub`; token option → `HF_TOKEN` → the file `huggingface-cli login` writes
 * (`HF_TOKEN_PATH`, default `$HF_HOME/token`).
 */
export async function resolveHubSettings(options: HubOptions, env: HubEnvironment): Promise<HubSettings> {
  const path = await import('node:path');
  const os = await import('node:os');
  const hfHome = env.hfHome ?? path.join(env.xdgCacheHome ?? path.join(os.homedir(), '.cache'), 'huggingface');
  const cacheDir = options.cacheDir ?? env.hubCache ?? path.join(hfHome, 'hub');
  let token = options.token === false ? undefined : (options.token ?? env.token);
  if (token === undefined && options.token !== false) {
    try {
      const fs = await import('node:fs/promises');
      token = (await fs.readFile(env.tokenPath ?? path.join(hfHome, 'token'), 'utf8')).trim() || undefined;
    } catch {
      token = undefined;
    }
  }
  const fetchImpl = options.fetch ?? globalThis.fetch;
  return {
    cacheDir,
    endpoint: (options.endpoint ?? env.endpoint).replace(/\/+$/, ''),
    localFilesOnly: Boolean(options.localFilesOnly) || env.offline,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    fetch: fetchImpl,
  };
}
