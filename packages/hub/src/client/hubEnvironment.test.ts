import { describe, expect, it } from 'vitest';
import { DEFAULT_ENDPOINT, readHubEnvironment } from './hubEnvironment.js';

describe('readHubEnvironment', () => {
  it('defaults like huggingface_hub when nothing is set', () => {
    expect(readHubEnvironment({})).toEqual({ endpoint: DEFAULT_ENDPOINT, offline: false });
  });

  it('reads HF_ENDPOINT, HF_HOME, HF_HUB_CACHE, HF_TOKEN and HF_HUB_OFFLINE (1/ON/YES/TRUE)', () => {
    const env = readHubEnvironment({ HF_ENDPOINT: 'http://mirror.local//', HF_HOME: '/h', HF_HUB_CACHE: '/c', HF_TOKEN: 't', HF_HUB_OFFLINE: 'yes' });
    expect(env).toMatchObject({ endpoint: 'http://mirror.local', hfHome: '/h', hubCache: '/c', token: 't', offline: true });
    for (const value of ['1', 'ON', 'true', 'True']) expect(readHubEnvironment({ HF_HUB_OFFLINE: value }).offline).toBe(true);
    for (const value of ['0', 'off', 'no', '']) expect(readHubEnvironment({ HF_HUB_OFFLINE: value }).offline).toBe(false);
  });

  it('falls back to the legacy names', () => {
    const env = readHubEnvironment({ HUGGINGFACE_HUB_CACHE: '/legacy', HUGGING_FACE_HUB_TOKEN: 'old', TRANSFORMERS_OFFLINE: '1' });
    expect(env).toMatchObject({ hubCache: '/legacy', token: 'old', offline: true });
    expect(readHubEnvironment({ HF_HUB_CACHE: '/new', HUGGINGFACE_HUB_CACHE: '/legacy' }).hubCache).toBe('/new');
  });
});
