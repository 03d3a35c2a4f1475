import type { Tensor } from '@altclip/core';
import { describe, expect, it } from 'vitest';
import { buildTextTowerGraph } from '../graph/textTowerGraph.js';
import { OnnxTextTower } from '../runtime/OnnxTextTower.js';
import { SessionPair } from '../runtime/SessionPair.js';
import { loadTinyFixture } from '../testing/tinyFixture.js';
import { maxAbsDiff, textInputs } from '../testing/towerChecks.js';
import { importOnnxruntimeWeb } from '../web/createOnnxWebBackend.js';
import { WeightReader } from '../weights/WeightReader.js';
import { InMemorySessionFactory } from './InMemorySessionFactory.js';

describe('InMemorySessionFactory', async () => {
  const f = await loadTinyFixture();
  const ort = await importOnnxruntimeWeb();
  const reader = new WeightReader('text', f.text);
  const options = { dtype: 'fp32', attention: 'standard', allOutputs: false } as const;
  const request = { tower: 'text' as const, description: {}, hashParts: () => reader.hashParts(), build: () => buildTextTowerGraph(f.textConfig, reader, options) };

  it('passes weights as an externalData buffer above the threshold (the >2 GiB path), same outputs', async () => {
    // Threshold 0 forces the path the full-size text tower takes.
    const session = await new InMemorySessionFactory(0).open(ort, request, {});
    const tower = new OnnxTextTower(ort, new SessionPair(async () => session), f.textConfig.num_hidden_layers);
    const out = await tower.run(textInputs(f.expected));
    expect(maxAbsDiff(out.embeds as Tensor, f.expected.get('model/get_text_features') as Tensor)).toBeLessThan(1e-5);
    await tower.dispose();
  });
});
