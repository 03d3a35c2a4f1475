import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AltCLIPTextConfig } from './AltCLIPTextConfig.js';
import { ConfigValidationError } from './ConfigValidationError.js';

const TINY = fileURLToPath(new URL('../../../fixtures/altclip-tiny/', import.meta.url));

describe('AltCLIPTextConfig', () => {
  it('has every HF v4.47.1 default', () => {
    // Written from HF's AltCLIPTextConfig.__init__ signature, independently of ALTCLIP_TEXT_SCHEMA.
    const c = new AltCLIPTextConfig();
    expect({
      vocab_size: c.vocab_size,
      hidden_size: c.hidden_size,
      num_hidden_layers: c.num_hidden_layers,
      num_attention_heads: c.num_attention_heads,
      intermediate_size: c.intermediate_size,
      hidden_act: c.hidden_act,
      hidden_dropout_prob: c.hidden_dropout_prob,
      attention_probs_dropout_prob: c.attention_probs_dropout_prob,
      max_position_embeddings: c.max_position_embeddings,
      type_vocab_size: c.type_vocab_size,
      initializer_range: c.initializer_range,
      initializer_factor: c.initializer_factor,
      layer_norm_eps: c.layer_norm_eps,
      pad_token_id: c.pad_token_id,
      bos_token_id: c.bos_token_id,
      eos_token_id: c.eos_token_id,
      position_embedding_type: c.position_embedding_type,
      use_cache: c.use_cache,
      project_dim: c.project_dim,
    }).toEqual({
      vocab_size: 250002,
      hidden_size: 1024,
      num_hidden_layers: 24,
      num_attention_heads: 16,
      intermediate_size: 4096,
      hidden_act: 'gelu',
      hidden_dropout_prob: 0.1,
      attention_probs_dropout_prob: 0.1,
      max_position_embeddings: 514,
      type_vocab_size: 1,
      initializer_range: 0.02,
      initializer_factor: 0.02,
      layer_norm_eps: 1e-5,
      pad_token_id: 1,
      bos_token_id: 0,
      eos_token_id: 2,
      position_embedding_type: 'absolute',
      use_cache: true,
      project_dim: 768,
    });
    expect(c.model_type).toBe('altclip_text_model');
    expect(c.extra).toEqual({});
  });

  it('loads its part of a full AltCLIP config.json, as HF from_pretrained does', async () => {
    const c = await AltCLIPTextConfig.fromPretrained(TINY);
    expect(c.hidden_size).toBe(32);
    expect(c.num_hidden_layers).toBe(2);
    expect(c.num_attention_heads).toBe(4);
    expect(c.intermediate_size).toBe(37);
    expect(c.max_position_embeddings).toBe(66);
    expect(c.project_dim).toBe(24);
    expect(c.vocab_size).toBe(3002);
    expect(c.hidden_act).toBe('gelu');
    expect(c.layer_norm_eps).toBe(1e-5);
  });

  it('loads a standalone text config and keeps unknown keys', () => {
    const c = AltCLIPTextConfig.fromJsonString('{"model_type": "altclip_text_model", "hidden_size": 64, "num_attention_heads": 8, "pooler_type": "first_token_transform"}');
    expect(c.hidden_size).toBe(64);
    expect(c.extra).toEqual({ pooler_type: 'first_token_transform' });
  });

  it('saves a standalone config as HF does: every field (none is an HF generic default), pad/bos/eos included', () => {
    // Hand-derived from to_diff_dict: fields absent from PretrainedConfig() are always written.
    const json = new AltCLIPTextConfig({ hidden_size: 32, num_attention_heads: 4 }).toJsonString();
    expect(JSON.parse(json)).toEqual({
      attention_probs_dropout_prob: 0.1,
      bos_token_id: 0,
      eos_token_id: 2,
      hidden_act: 'gelu',
      hidden_dropout_prob: 0.1,
      hidden_size: 32,
      initializer_factor: 0.02,
      initializer_range: 0.02,
      intermediate_size: 4096,
      layer_norm_eps: 1e-5,
      max_position_embeddings: 514,
      model_type: 'altclip_text_model',
      num_attention_heads: 4,
      num_hidden_layers: 24,
      pad_token_id: 1,
      position_embedding_type: 'absolute',
      project_dim: 768,
      transformers_version: '4.47.1',
      type_vocab_size: 1,
      use_cache: true,
      vocab_size: 250002,
    });
    expect(json).toContain('"layer_norm_eps": 1e-05,');
  });

  it('round-trips through toDict', () => {
    const a = new AltCLIPTextConfig({ hidden_size: 48, num_attention_heads: 6, directionality: 'bidi' });
    const b = AltCLIPTextConfig.fromDict(a.toDict());
    expect(b.toJsonString(false)).toBe(a.toJsonString(false));
    expect(b.hidden_size).toBe(48);
  });

  it('reports heads that do not divide hidden_size', () => {
    expect(() => new AltCLIPTextConfig({ hidden_size: 1000, num_attention_heads: 16 })).toThrow(ConfigValidationError);
    try {
      new AltCLIPTextConfig({ hidden_size: 1000, num_attention_heads: 16 });
    } catch (e) {
      expect((e as ConfigValidationError).problems).toEqual([
        { field: 'hidden_size', expected: 'a multiple of num_attention_heads (16)', actual: 1000 },
      ]);
    }
  });

  it('accepts a list of eos ids, as HF does', () => {
    expect(new AltCLIPTextConfig({ eos_token_id: [2, 5] }).eos_token_id).toEqual([2, 5]);
  });

  it('rejects a config of another model type', async () => {
    await expect(AltCLIPTextConfig.fromPretrained({ model_type: 'bert', hidden_size: 32, num_attention_heads: 4 })).rejects.toThrow(
      /model_type: expected "altclip_text_model", got "bert"/,
    );
  });
});
