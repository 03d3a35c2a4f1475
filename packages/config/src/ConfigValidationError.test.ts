import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AltCLIPConfig } from './AltCLIPConfig.js';
import { ConfigJsonSyntaxError } from './ConfigJsonSyntaxError.js';
import { type ConfigProblem, ConfigValidationError } from './ConfigValidationError.js';

const MALFORMED = fileURLToPath(new URL('./__fixtures__/malformed/', import.meta.url));

async function problemsOf(file: string): Promise<{ error: ConfigValidationError; problems: readonly ConfigProblem[] }> {
  const path = join(MALFORMED, file);
  try {
    await AltCLIPConfig.fromPretrained(path);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigValidationError);
    const error = e as ConfigValidationError;
    expect(error.source).toBe(path);
    expect(error.message.startsWith(`${path}: invalid config`)).toBe(true);
    return { error, problems: error.problems };
  }
  throw new Error(`${file} loaded without error`);
}

async function syntaxErrorOf(file: string): Promise<ConfigJsonSyntaxError> {
  const path = join(MALFORMED, file);
  try {
    await AltCLIPConfig.fromPretrained(path);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigJsonSyntaxError);
    return e as ConfigJsonSyntaxError;
  }
  throw new Error(`${file} loaded without error`);
}

describe('malformed config files', () => {
  it('hidden_size not divisible by num_attention_heads (both towers, one report)', async () => {
    const { problems } = await problemsOf('hidden-not-divisible.json');
    expect(problems).toEqual([
      { field: 'text_config.hidden_size', expected: 'a multiple of num_attention_heads (4)', actual: 30 },
      { field: 'vision_config.hidden_size', expected: 'a multiple of num_attention_heads (12)', actual: 100 },
    ]);
  });

  it('image_size not divisible by patch_size', async () => {
    const { problems, error } = await problemsOf('image-not-divisible.json');
    expect(problems).toEqual([{ field: 'vision_config.image_size', expected: 'a multiple of patch_size (15)', actual: 224 }]);
    expect(error.message).toContain('vision_config.image_size: expected a multiple of patch_size (15), got 224');
  });

  it('unknown hidden_act, listing the names HF accepts', async () => {
    const { problems } = await problemsOf('unknown-activation.json');
    expect(problems.map((p) => [p.field, p.actual])).toEqual([
      ['text_config.hidden_act', 'gelu_fancy'],
      ['vision_config.hidden_act', 'QuickGELU'],
    ]);
    for (const p of problems) {
      for (const name of ['gelu', 'gelu_new', 'quick_gelu', 'relu', 'silu', 'gelu_pytorch_tanh', 'relu2', 'laplace']) {
        expect(p.expected).toContain(`"${name}"`);
      }
    }
  });

  it('wrong types, every one reported', async () => {
    const { problems } = await problemsOf('wrong-types.json');
    expect(problems).toEqual([
      { field: 'transformers_version', expected: 'a version string', actual: 4.47 },
      { field: 'projection_dim', expected: 'a positive integer', actual: '768' },
      { field: 'logit_scale_init_value', expected: 'a finite number', actual: null },
      { field: 'text_config.vocab_size', expected: 'a positive integer', actual: 250002.5 },
      { field: 'text_config.layer_norm_eps', expected: 'a positive number', actual: '1e-5' },
      { field: 'text_config.pad_token_id', expected: 'a non-negative integer token id or null', actual: -1 },
      {
        field: 'text_config.position_embedding_type',
        expected: 'one of "absolute", "relative_key", "relative_key_query"',
        actual: 'rotary',
      },
      { field: 'text_config.use_cache', expected: 'true or false', actual: 'yes' },
      { field: 'vision_config.image_size', expected: 'a positive integer', actual: [224, 224] },
      { field: 'vision_config.attention_dropout', expected: 'a probability between 0 and 1', actual: 1.5 },
    ]);
  });

  it('non-positive sizes', async () => {
    const { problems } = await problemsOf('non-positive-sizes.json');
    expect(problems).toEqual([
      { field: 'projection_dim', expected: 'a positive integer', actual: 0 },
      { field: 'text_config.num_hidden_layers', expected: 'a positive integer', actual: 0 },
      { field: 'text_config.layer_norm_eps', expected: 'a positive number', actual: 0 },
      { field: 'text_config.project_dim', expected: 'a positive integer', actual: -768 },
      { field: 'vision_config.num_channels', expected: 'a positive integer', actual: -3 },
      { field: 'vision_config.patch_size', expected: 'a positive integer', actual: 0 },
    ]);
  });

  it('wrong model_type at every level', async () => {
    const { problems } = await problemsOf('wrong-model-type.json');
    expect(problems).toEqual([
      { field: 'model_type', expected: '"altclip"', actual: 'clip' },
      { field: 'text_config.model_type', expected: '"altclip_text_model"', actual: 'clip_text_model' },
      { field: 'vision_config.model_type', expected: '"altclip_vision_model"', actual: 'clip_vision_model' },
    ]);
  });

  it('nested configs that are not objects', async () => {
    const { problems } = await problemsOf('nested-not-object.json');
    expect(problems).toEqual([
      { field: 'text_config', expected: 'an object (altclip_text_model config)', actual: 'xlm-roberta-large' },
      { field: 'vision_config', expected: 'an object (altclip_vision_model config)', actual: [1024, 24] },
    ]);
  });

  it('a JSON document that is not an object', async () => {
    const { problems } = await problemsOf('not-an-object.json');
    expect(problems).toEqual([{ field: '', expected: 'a JSON object', actual: [1, 2, 3] }]);
  });

  it('malformed JSON: names the file, line and column', async () => {
    const e = await syntaxErrorOf('syntax-missing-comma.json');
    const path = join(MALFORMED, 'syntax-missing-comma.json');
    expect([e.source, e.line, e.column]).toEqual([path, 6, 5]);
    expect(e.message).toBe(`${path}:6:5: malformed JSON: unexpected character "\\""; expected ',' or '}' after a property value`);
  });

  it('truncated JSON: points at the end of the file', async () => {
    const e = await syntaxErrorOf('syntax-truncated.json');
    expect([e.line, e.column]).toEqual([4, 1]);
    expect(e.reason).toContain('end of file');
  });

  it('empty file', async () => {
    const e = await syntaxErrorOf('empty.json');
    expect([e.line, e.column]).toEqual([1, 1]);
    expect(e.reason).toContain('empty');
  });

  it('constructor arguments are validated the same way', () => {
    expect(() => new AltCLIPConfig({ vision_config: { patch_size: 0 } })).toThrow(/vision_config\.patch_size: expected a positive integer, got 0/);
    expect(() => new AltCLIPConfig({ text_config: { hidden_act: 'nope' } }, { source: 'my-arg' })).toThrow(/^my-arg: invalid config \(1 problem\)/);
  });
});

describe('ConfigValidationError values as Python json writes them', () => {
  it('reports 1e400 (Python: inf) as Infinity, not null, and NaN by name', async () => {
    const { AltCLIPTextConfig } = await import('./AltCLIPTextConfig.js');
    const error = (() => {
      try {
        AltCLIPTextConfig.fromJsonString('{"hidden_size": 1e400, "num_attention_heads": NaN}', { source: 'config.json' });
      } catch (e) {
        return e as ConfigValidationError;
      }
    })();
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect(error!.message).toMatch(/hidden_size: expected .*, got Infinity/);
    expect(error!.message).toMatch(/num_attention_heads: expected .*, got NaN/);
    expect(error!.message).not.toMatch(/got null/);
  });

  it('keeps non-finite numbers inside objects and cuts huge values short', () => {
    const nested = new ConfigValidationError([{ field: 'x', expected: 'a number', actual: { a: [1, Number.NEGATIVE_INFINITY] } }]);
    expect(nested.message).toContain('got {"a":[1,-Infinity]}');
    const huge = new ConfigValidationError([{ field: 'x', expected: 'a short list', actual: new Array(100_000).fill(1) }]);
    expect(huge.message.length).toBeLessThan(400);
    expect(huge.message).toContain('(200001 characters)');
  });
});
