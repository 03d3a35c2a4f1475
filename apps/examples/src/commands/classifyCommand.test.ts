import { describe, expect, it } from 'vitest';
import { runCli } from '../cli/runCli.js';
import { captureIO } from '../testing/captureIO.js';
import { softmax } from '../pipeline/softmax.js';

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
    ranked.forEach((r, i) => expect(r.probability).toBeCloseTo(probs[i], 12));
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
