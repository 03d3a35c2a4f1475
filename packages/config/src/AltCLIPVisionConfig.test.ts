import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AltCLIPVisionConfig } from './AltCLIPVisionConfig.js';
import { ConfigValidationError } from './ConfigValidationError.js';

const TINY = fileURLToPath(new URL('../../../fixtures/altclip-tiny/', import.meta.url));

describe('AltCLIPVisionConfig', () => {
  it('has every HF v4.47.1 default', () => {
    // Written from HF's AltCLIPVisionConfig.__init__ signature, independently of ALTCLIP_VISION_SCHEMA.
    const c = new AltCLIPVisionConfig();
    expect({
      hidden_size: c.hidden_size,
      intermediate_size: c.intermediate_size,
      projection_dim: c.projection_dim,
      num_hidden_layers: c.num_hidden_layers,
      num_attention_heads: c.num_attention_heads,
      num_channels: c.num_channels,
      image_size: c.image_size,
      patch_size: c.patch_size,
      hidden_act: c.hidden_act,
      layer_norm_eps: c.layer_norm_eps,
      attention_dropout: c.attention_dropout,
      initializer_range: c.initializer_range,
      initializer_factor: c.initializer_factor,
    }).toEqual({
      hidden_size: 768,
      intermediate_size: 3072,
      projection_dim: 512,
      num_hidden_layers: 12,
      num_attention_heads: 12,
      num_channels: 3,
      image_size: 224,
      patch_size: 32,
      hidden_act: 'quick_gelu',
      layer_norm_eps: 1e-5,
      attention_dropout: 0.0,
      initializer_range: 0.02,
      initializer_factor: 1.0,
    });
    expect(c.model_type).toBe('altclip_vision_model');
    expect(c.numPatchesPerSide).toBe(7);
    expect(c.numPositions).toBe(50);
  });

  it('loads its part of a full AltCLIP config.json, as HF from_pretrained does', async () => {
    const c = await AltCLIPVisionConfig.fromPretrained(TINY);
    expect([c.hidden_size, c.num_hidden_layers, c.num_attention_heads, c.intermediate_size, c.image_size, c.patch_size]).toEqual([
      32, 2, 4, 37, 30, 6,
    ]);
    expect(c.hidden_act).toBe('quick_gelu');
    expect(c.numPositions).toBe(26);
  });

  it('writes floats the way Python does', () => {
    const json = new AltCLIPVisionConfig({ image_size: 30, patch_size: 6, hidden_size: 32, num_attention_heads: 4 }).toJsonString();
    expect(json).toContain('"attention_dropout": 0.0,');
    expect(json).toContain('"initializer_factor": 1.0,');
    expect(json).toContain('"layer_norm_eps": 1e-05,');
    expect(json.endsWith('}\n')).toBe(true);
  });

  it('keeps the int/float style a file used, through toDict and fromDict too', () => {
    const c = AltCLIPVisionConfig.fromJsonString('{"attention_dropout": 0, "hidden_size": 64.0, "num_attention_heads": 4}');
    for (const json of [c.toJsonString(false), AltCLIPVisionConfig.fromDict(c.toDict()).toJsonString(false)]) {
      expect(json).toContain('"attention_dropout": 0,');
      expect(json).toContain('"hidden_size": 64.0,');
      expect(json).toContain('"initializer_factor": 1.0,');
    }
  });

  it('reports image_size not divisible by patch_size and heads not dividing hidden_size together', () => {
    let error: unknown;
    try {
      new AltCLIPVisionConfig({ image_size: 224, patch_size: 15, hidden_size: 100, num_attention_heads: 12 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as ConfigValidationError).problems).toEqual([
      { field: 'hidden_size', expected: 'a multiple of num_attention_heads (12)', actual: 100 },
      { field: 'image_size', expected: 'a multiple of patch_size (15)', actual: 224 },
    ]);
  });
});
