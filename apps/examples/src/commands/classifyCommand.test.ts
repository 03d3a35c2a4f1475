import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { softmax } from '../pipeline/softmax.js';
import { captureIO } from '../testing/captureIO.js';

describe('altclip classify', () => {
  it('ranks multilingual labels with probabilities that sum to one', async () => {
    const io = captureIO();
    const labels = ['cat', '猫', 'chat', 'Katze', 'кошка'];
    const code = await runCli(['classify', '--model', 'fixtures/altclip-tiny', '--image', 'fixtures/altclip-tiny/images/chelsea.png', '--labels', ...labels, '--template', 'a photo of {}', '--json'], io);
    expect(io.err).not.toMatch(/altclip classify:/);
    expect(code).toBe(0);
    const ranked = JSON.parse(io.out) as { label: string; probability: number; logit: number }[];
    expect(ranked.map((r) => r.label).sort()).toEqual([...labels].sort());
    expect(ranked.reduce((s, r) => s + r.probability, 0)).toBeCloseTo(1, 6);
    for (let i = 1; i < ranked.length; i++) expect(ranked[i - 1].probability).toBeGreaterThanOrEqual(ranked[i].probability);
    // Probabilities are the softmax of the printed logits (an independent recomputation).
    const probs = softmax(ranked.map((r) => r.logit));
    ranked.forEach((r, i) => {
      expect(r.probability).toBeCloseTo(probs[i], 12);
    });
  });

  it('names an unreadable image', async () => {
    const io = captureIO();
    expect(await runCli(['classify', '--model', 'fixtures/altclip-tiny', '--image', 'fixtures/altclip-tiny/config.json', '--labels', 'a', 'b'], io)).toBe(1);
    expect(io.err).toMatch(/config\.json/);
  });

  it('refuses a template without {}', async () => {
    const io = captureIO();
    expect(await runCli(['classify', '--model', 'fixtures/altclip-tiny', '--image', 'x.png', '--labels', 'a', '--template', 'a photo'], io)).toBe(1);
    expect(io.err).toContain('has no {}');
  });
});

describe('altclip classify with a hub id', () => {
  it('downloads into the HF cache from HF_ENDPOINT, then works offline from the cache', async () => {
    const { mkdtempSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { startFakeHub } = await import('../testing/fakeHub.js');
    const { fixtureDir } = await import('../testing/captureIO.js');
    const hub = await startFakeHub('BAAI/AltCLIP', fixtureDir);
    const saved = { ...process.env };
    process.env.HF_ENDPOINT = hub.endpoint;
    process.env.HF_HOME = mkdtempSync(`${tmpdir()}/altclip-hf-`);
    delete process.env.HF_HUB_CACHE;
    delete process.env.HF_HUB_OFFLINE;
    try {
      const args = ['classify', '--model', 'BAAI/AltCLIP', '--image', 'fixtures/altclip-tiny/images/chelsea.png', '--labels', 'cat', 'dog', '--json'];
      const online = captureIO();
      expect(await runCli(args, online)).toBe(0);
      expect(hub.requests.some((r) => r.includes('/BAAI/AltCLIP/resolve/main/config.json'))).toBe(true);
      const local = captureIO();
      expect(await runCli(['classify', '--model', 'fixtures/altclip-tiny', ...args.slice(3)], local)).toBe(0);
      expect(JSON.parse(online.out)).toEqual(JSON.parse(local.out));

      process.env.HF_HUB_OFFLINE = '1';
      const before = hub.requests.length;
      const offline = captureIO();
      expect(await runCli(args, offline)).toBe(0);
      expect(hub.requests.length).toBe(before);
      expect(JSON.parse(offline.out)).toEqual(JSON.parse(local.out));
    } finally {
      process.env = saved;
      await hub.close();
    }
  }, 120_000);
});
