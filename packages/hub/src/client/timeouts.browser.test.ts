import { describe, expect, inject, it } from 'vitest';
import { fetchHubFile } from './fetchHubFile.js';
import { HubRetriesExhaustedError, HubTimeoutError } from './HubErrors.js';

// Chromium's fetch has no timeouts either: a hub that sends headers and then stalls or trickles must end in a typed
// error, against the loopback hub of the browser project's globalSetup (faults queued through /__fault/…).
describe('hub client timeouts in a browser', () => {
  const options = () => ({ endpoint: inject('altclipHubEndpoint'), revision: 'main', idleTimeoutMs: 300, connectTimeoutMs: 1000, maxRetries: 1, retryDelayMs: 5 });
  const queue = (path: string) => fetch(`${inject('altclipHubEndpoint')}/__fault/${path}`);

  it('headers then silence: idle timeouts, one retry, then HubRetriesExhaustedError', async () => {
    await caches.delete('altclip-hub');
    await queue('stall/local/faulty/model.safetensors?afterBytes=0&times=2');
    const error = await fetchHubFile('local/faulty', 'model.safetensors', options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubRetriesExhaustedError);
    expect(((error as Error).cause as HubTimeoutError).phase).toBe('idle');
  });

  it('a trickle ends at the total deadline; a 503 then success is retried transparently', async () => {
    await queue('trickle/local/faulty/model.safetensors?bytes=100&intervalMs=20');
    const error = await fetchHubFile('local/faulty', 'model.safetensors', { ...options(), totalTimeoutMs: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HubTimeoutError);
    expect((error as HubTimeoutError).phase).toBe('total');
    await queue('status/local/faulty/config.json?status=503');
    const file = await fetchHubFile('local/faulty', 'config.json', options());
    expect(file.size).toBeGreaterThan(0);
    await caches.delete('altclip-hub');
  });
});
