import { describe, expect, it } from 'vitest';
import { AltCLIPConfig, AltCLIPVisionConfig, ConfigJsonSyntaxError, ConfigValidationError } from './index.js';

// The altclip-tiny fixture's config.json (HF 4.47.1 save_pretrained output), inlined so this test needs no server.
const TINY_CONFIG_JSON = `{
  "initializer_factor": 1.0,
  "logit_scale_init_value": 2.6592,
  "model_type": "altclip",
  "projection_dim": 16,
  "text_config": {
    "hidden_size": 32,
    "intermediate_size": 37,
    "max_position_embeddings": 66,
    "model_type": "altclip_text_model",
    "num_attention_heads": 4,
    "num_hidden_layers": 2,
    "project_dim": 24,
    "vocab_size": 3002
  },
  "transformers_version": "4.47.1",
  "vision_config": {
    "hidden_size": 32,
    "image_size": 30,
    "intermediate_size": 37,
    "model_type": "altclip_vision_model",
    "num_attention_heads": 4,
    "num_hidden_layers": 2,
    "patch_size": 6
  }
}
`;

describe('@altclip/config in the browser', () => {
  it('runs without Node', () => {
    expect((globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node).toBeUndefined();
  });

  it('loads from a JSON string and writes it back byte for byte', async () => {
    const c = await AltCLIPConfig.fromPretrained(TINY_CONFIG_JSON);
    expect(c.text_config.hidden_size).toBe(32);
    expect(c.vision_config.patch_size).toBe(6);
    expect(c.projection_dim).toBe(16);
    expect(c.toJsonString()).toBe(TINY_CONFIG_JSON);
  });

  it('loads from an object', async () => {
    const c = await AltCLIPConfig.fromPretrained(JSON.parse(TINY_CONFIG_JSON));
    expect(c.text_config.project_dim).toBe(24);
    expect(AltCLIPConfig.fromDict(JSON.parse(TINY_CONFIG_JSON)).vision_config.image_size).toBe(30);
    const v = await AltCLIPVisionConfig.fromPretrained(JSON.parse(TINY_CONFIG_JSON));
    expect(v.hidden_size).toBe(32);
  });

  it('fetches a config.json by URL path (no file system here)', async () => {
    const c = await AltCLIPConfig.fromPretrained('/fixtures/altclip-tiny/');
    expect(c.toJsonString()).toBe(TINY_CONFIG_JSON);
  });

  it('reports validation and syntax errors with the same types', async () => {
    await expect(AltCLIPConfig.fromPretrained('{"model_type": "altclip", "vision_config": {"patch_size": 15}}')).rejects.toThrow(ConfigValidationError);
    await expect(AltCLIPConfig.fromPretrained('{"model_type": }')).rejects.toThrow(ConfigJsonSyntaxError);
  });

  it('refuses savePretrained without a file system', async () => {
    await expect(new AltCLIPConfig().savePretrained('out')).rejects.toThrow(/needs a file system/);
  });
});
