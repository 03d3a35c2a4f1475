import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { AltCLIPConfig } from './AltCLIPConfig.js';
import { AltCLIPTextConfig } from './AltCLIPTextConfig.js';
import { AltCLIPVisionConfig } from './AltCLIPVisionConfig.js';
import { BAAI_ALTCLIP_CONFIG } from './baaiAltCLIPConfig.js';
import { ConfigFileError } from './ConfigFileError.js';

const TINY = fileURLToPath(new URL('../../../fixtures/altclip-tiny/', import.meta.url));
const FIXTURES = fileURLToPath(new URL('./__fixtures__/', import.meta.url));
const tmpDirs: string[] = [];

async function tmp(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'altclip-config-'));
  tmpDirs.push(dir);
  return dir;
}

afterAll(async () => {
  await Promise.all(tmpDirs.map((d) => rm(d, { recursive: true, force: true })));
});

describe('AltCLIPConfig defaults', () => {
  it("has HF v4.47.1's top-level defaults and default towers", () => {
    const c = new AltCLIPConfig();
    expect(c.projection_dim).toBe(768);
    expect(c.logit_scale_init_value).toBe(2.6592);
    expect(c.initializer_factor).toBe(1.0);
    expect(c.model_type).toBe('altclip');
    expect(c.text_config).toBeInstanceOf(AltCLIPTextConfig);
    expect(c.vision_config).toBeInstanceOf(AltCLIPVisionConfig);
    expect(c.text_config.hidden_size).toBe(1024);
    expect(c.vision_config.hidden_size).toBe(768);
    expect(c.transformers_version).toBeUndefined();
  });

  it('saves a default config with empty nested diffs, as HF does', () => {
    // Hand-derived from to_diff_dict: nested configs keep only model_type.
    expect(new AltCLIPConfig().toJsonString()).toBe(
      `{
  "initializer_factor": 1.0,
  "logit_scale_init_value": 2.6592,
  "model_type": "altclip",
  "projection_dim": 768,
  "text_config": {
    "model_type": "altclip_text_model"
  },
  "transformers_version": "4.47.1",
  "vision_config": {
    "model_type": "altclip_vision_model"
  }
}
`,
    );
  });

  it('ignores a stored initializer_factor, as HF v4.47.1 does (it always sets 1.0)', () => {
    expect(new AltCLIPConfig({ initializer_factor: 5 }).initializer_factor).toBe(1.0);
  });
});

describe('the altclip-tiny fixture (written by HF 4.47.1 save_pretrained)', () => {
  it('loads every field', async () => {
    const c = await AltCLIPConfig.fromPretrained(TINY);
    expect(c.projection_dim).toBe(16);
    expect(c.logit_scale_init_value).toBe(2.6592);
    expect(c.transformers_version).toBe('4.47.1');
    const t = c.text_config;
    expect([t.hidden_size, t.intermediate_size, t.max_position_embeddings, t.num_attention_heads, t.num_hidden_layers, t.project_dim, t.vocab_size]).toEqual([
      32, 37, 66, 4, 2, 24, 3002,
    ]);
    expect([t.type_vocab_size, t.pad_token_id, t.bos_token_id, t.eos_token_id, t.layer_norm_eps, t.hidden_act]).toEqual([1, 1, 0, 2, 1e-5, 'gelu']);
    const v = c.vision_config;
    expect([v.hidden_size, v.image_size, v.intermediate_size, v.num_attention_heads, v.num_hidden_layers, v.patch_size, v.num_channels]).toEqual([
      32, 30, 37, 4, 2, 6, 3,
    ]);
    expect([v.hidden_act, v.layer_norm_eps]).toEqual(['quick_gelu', 1e-5]);
  });

  it('accepts the directory, the config.json path, a file URL, the JSON text and the parsed object', async () => {
    const text = await readFile(join(TINY, 'config.json'), 'utf8');
    const sources = [TINY, join(TINY, 'config.json'), pathToFileURL(join(TINY, 'config.json')), pathToFileURL(join(TINY, 'config.json')).href, text, JSON.parse(text)];
    for (const src of sources) {
      const c = await AltCLIPConfig.fromPretrained(src);
      expect(c.toJsonString()).toBe(text);
    }
  });

  it('round-trips byte for byte through savePretrained', async () => {
    const original = await readFile(join(TINY, 'config.json'), 'utf8');
    const c = await AltCLIPConfig.fromPretrained(TINY);
    const dir = join(await tmp(), 'nested', 'out');
    const written = await c.savePretrained(dir);
    expect(written).toBe(`${dir}/config.json`);
    expect(await readFile(written, 'utf8')).toBe(original);
    // And again from what we wrote.
    expect((await AltCLIPConfig.fromPretrained(dir)).toJsonString()).toBe(original);
  });

  it('round-trips when rebuilt from its towers with fromTextVisionConfigs', async () => {
    const original = await readFile(join(TINY, 'config.json'), 'utf8');
    const c = await AltCLIPConfig.fromPretrained(TINY);
    const rebuilt = AltCLIPConfig.fromTextVisionConfigs(c.text_config, c.vision_config, {
      projection_dim: 16,
      transformers_version: '4.47.1',
    });
    expect(rebuilt.toJsonString()).toBe(original);
  });

  it('rebuilds from toDict()', async () => {
    const c = await AltCLIPConfig.fromPretrained(TINY);
    const d = c.toDict();
    expect((d.text_config as Record<string, unknown>).hidden_size).toBe(32);
    expect(d.return_dict).toBe(true); // HF's generic attributes are part of to_dict()
    expect(AltCLIPConfig.fromDict(d).toJsonString()).toBe(c.toJsonString());
  });
});

describe('BAAI/AltCLIP-shaped config', () => {
  it('loads the XLM-R large + ViT-L/14 architecture', async () => {
    const c = await AltCLIPConfig.fromPretrained(join(FIXTURES, 'baai-altclip.config.json'));
    const t = c.text_config;
    expect([t.hidden_size, t.num_hidden_layers, t.num_attention_heads, t.intermediate_size, t.vocab_size, t.max_position_embeddings, t.project_dim]).toEqual([
      1024, 24, 16, 4096, 250002, 514, 768,
    ]);
    const v = c.vision_config;
    expect([v.hidden_size, v.num_hidden_layers, v.num_attention_heads, v.intermediate_size, v.patch_size, v.image_size]).toEqual([
      1024, 24, 16, 4096, 14, 224,
    ]);
    expect(c.projection_dim).toBe(768);
    expect(c.extra).toMatchObject({ num_layers: 3, direct_kd: false, architectures: ['AltCLIPModel'], torch_dtype: 'float32' });
    expect(c.text_config.extra).toMatchObject({ directionality: 'bidi', pooler_type: 'first_token_transform' });
  });

  it('saves as HF 4.47.1 would: generic defaults dropped, FlagAI leftovers and unknown nested keys kept', async () => {
    const c = await AltCLIPConfig.fromPretrained(join(FIXTURES, 'baai-altclip.config.json'));
    const expected = await readFile(join(FIXTURES, 'baai-altclip.saved.json'), 'utf8');
    expect(c.toJsonString()).toBe(expected);
    // The saved form loads back to the same config.
    expect(AltCLIPConfig.fromJsonString(expected).toJsonString()).toBe(expected);
  });

  it('AltCLIPConfig.baai() and BAAI_ALTCLIP_CONFIG give the same architecture', () => {
    const c = AltCLIPConfig.baai();
    expect(c.projection_dim).toBe(768);
    expect([c.text_config.hidden_size, c.text_config.num_hidden_layers, c.text_config.num_attention_heads, c.text_config.intermediate_size]).toEqual([
      1024, 24, 16, 4096,
    ]);
    expect([c.text_config.vocab_size, c.text_config.max_position_embeddings, c.text_config.project_dim]).toEqual([250002, 514, 768]);
    expect([c.vision_config.hidden_size, c.vision_config.num_hidden_layers, c.vision_config.num_attention_heads]).toEqual([1024, 24, 16]);
    expect([c.vision_config.intermediate_size, c.vision_config.patch_size, c.vision_config.image_size]).toEqual([4096, 14, 224]);
    expect(new AltCLIPConfig(BAAI_ALTCLIP_CONFIG).toJsonString()).toBe(c.toJsonString());
  });
});

describe('AltCLIP-m18-shaped config', () => {
  it('loads projection_dim 1024 and round-trips', async () => {
    const file = join(FIXTURES, 'altclip-m18.config.json');
    const c = await AltCLIPConfig.fromPretrained(file);
    expect(c.projection_dim).toBe(1024);
    expect(c.text_config.project_dim).toBe(1024);
    expect(c.vision_config.patch_size).toBe(14);
    // This file is already in to_diff_dict form, so saving reproduces it.
    expect(c.toJsonString()).toBe(await readFile(file, 'utf8'));
  });
});

describe('legacy text_config_dict / vision_config_dict', () => {
  it('applies them as HF does: a full default sub-config built from the legacy dict overrides text_config', async () => {
    const c = await AltCLIPConfig.fromPretrained(join(FIXTURES, 'legacy-config-dict.config.json'));
    expect(c.text_config.vocab_size).toBe(3002);
    expect(c.text_config.hidden_size).toBe(32);
    // text_config said 4 heads, but the legacy dict's full form carries the default 16, which wins in HF.
    expect(c.text_config.num_attention_heads).toBe(16);
    expect(c.text_config.extra).toMatchObject({ directionality: 'bidi' });
    expect(c.vision_config.image_size).toBe(30);
    expect(c.extra).not.toHaveProperty('text_config_dict');
    expect(JSON.parse(c.toJsonString())).toEqual({
      initializer_factor: 1,
      logit_scale_init_value: 2.6592,
      model_type: 'altclip',
      projection_dim: 16,
      text_config: { directionality: 'bidi', hidden_size: 32, model_type: 'altclip_text_model', vocab_size: 3002 },
      transformers_version: '4.26.0',
      vision_config: { hidden_size: 32, image_size: 30, model_type: 'altclip_vision_model', num_attention_heads: 4, patch_size: 6 },
    });
  });
});

describe('unknown keys', () => {
  it('survive a save/load round trip with their number style', async () => {
    const text = '{\n  "model_type": "altclip",\n  "num_layers": 3,\n  "direct_kd": false,\n  "kd_weight": 1.0,\n  "nested_leftover": {"b": [1, 2.0, "x"], "a": null}\n}';
    const c = AltCLIPConfig.fromJsonString(text);
    const dir = await tmp();
    await c.savePretrained(dir);
    const saved = await readFile(join(dir, 'config.json'), 'utf8');
    expect(saved).toContain('"kd_weight": 1.0,');
    expect(saved).toContain('"num_layers": 3,');
    expect(saved).toContain('"direct_kd": false,');
    expect(saved).toContain('"nested_leftover": {\n    "a": null,\n    "b": [\n      1,\n      2.0,\n      "x"\n    ]\n  },');
    expect((await AltCLIPConfig.fromPretrained(dir)).toJsonString()).toBe(saved);
  });
});

describe('file errors', () => {
  it('names a missing path', async () => {
    await expect(AltCLIPConfig.fromPretrained('/nonexistent/altclip')).rejects.toThrow(ConfigFileError);
    await expect(AltCLIPConfig.fromPretrained('/nonexistent/altclip')).rejects.toThrow(/\/nonexistent\/altclip/);
  });

  it('names a directory without config.json', async () => {
    const dir = await tmp();
    await expect(AltCLIPConfig.fromPretrained(dir)).rejects.toThrow(new RegExp(`${dir}/config.json`));
  });

  it('refuses to save into a file', async () => {
    const file = join(await tmp(), 'file');
    await writeFile(file, 'x');
    await expect(new AltCLIPConfig().savePretrained(file)).rejects.toThrow(ConfigFileError);
  });
});

describe('keys that look like JavaScript internals', () => {
  it('are plain data', () => {
    const c = AltCLIPConfig.fromJsonString('{"constructor": 1, "toString": "x", "__proto__": {"a": 1}}');
    expect(c.extra).toEqual(JSON.parse('{"constructor": 1, "toString": "x", "__proto__": {"a": 1}}'));
    const saved = JSON.parse(c.toJsonString());
    expect(saved.constructor).toBe(1);
    expect(saved.toString).toBe('x');
    expect(Object.getPrototypeOf(c.extra)).toBe(Object.prototype);
  });
});
