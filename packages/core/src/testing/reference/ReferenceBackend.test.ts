import { describe, expect, it } from 'vitest';
import { compareTensors } from '../compareTensors.js';
import { fixtureTowerInputs } from '../fixtureTowerInputs.js';
import { loadFixture } from '../loadFixture.js';
import { erf } from './activations.js';
import { ReferenceBackend } from './ReferenceBackend.js';

describe('ReferenceBackend', () => {
  it('computes erf to double precision (exact gelu)', () => {
    // Values from Abramowitz & Stegun table 7.1 / any libm.
    expect(erf(1)).toBeCloseTo(0.8427007929497149, 15);
    expect(erf(-0.5)).toBeCloseTo(-0.5204998778130465, 15);
    expect(erf(3)).toBeCloseTo(0.9999779095030014, 15);
    expect(erf(0)).toBe(0);
  });

  it('runs the towers straight from fixtureTowerInputs', async () => {
    const fixture = await loadFixture();
    const inputs = fixtureTowerInputs(fixture);
    const backend = new ReferenceBackend();
    const text = await backend.loadTextTower(fixture.config.text_config, inputs.textWeights);
    const out = await text.run(inputs.text, { outputHiddenStates: true });
    const check = compareTensors('text_model/hidden_states/2', out.hiddenStates?.[2], fixture.expected.get('text_model/hidden_states/2')!, 1e-4);
    expect(check.ok, check.message).toBe(true);
    const vision = await backend.loadVisionTower(fixture.config.vision_config, inputs.visionWeights);
    const v = await vision.run(inputs.vision);
    expect(v.hiddenStates).toBeUndefined();
    const pooled = compareTensors('vision_model/pooler_output', v.poolerOutput, fixture.expected.get('vision_model/pooler_output')!, 1e-4);
    expect(pooled.ok, pooled.message).toBe(true);
  });
});
