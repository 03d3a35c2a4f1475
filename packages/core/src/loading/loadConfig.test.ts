import { ConfigJsonSyntaxError, ConfigValidationError } from '@altclip/config';
import { describe, expect, it } from 'vitest';
import { loadFixture } from '../testing/loadFixture.js';
import { memoryFiles } from '@altclip/hub';
import { loadModelConfig, loadTowerConfig } from './loadConfig.js';

describe('loadModelConfig reads config.json as Python json does', async () => {
  const fixture = await loadFixture();
  const text = JSON.stringify(fixture.configJson);

  it('accepts NaN and Infinity (Python json writes and reads them)', async () => {
    // json.dumps({"x": float("nan")}) writes NaN; transformers keeps unknown keys as attributes.
    const withNaN = text.replace('"model_type":"altclip"', '"model_type":"altclip","nan_field":NaN,"inf_field":-Infinity');
    const config = await loadModelConfig(memoryFiles({ 'config.json': withNaN }, 'nan'));
    expect(config.projection_dim).toBe(fixture.config.projection_dim);
    expect(config.extra.nan_field).toBeNaN();
    expect(config.extra.inf_field).toBe(Number.NEGATIVE_INFINITY);
    // …and writes them back as Python's json.dumps does.
    expect(config.toJsonString()).toMatch(/"nan_field": NaN/);
  });

  it('reports 1e400 as Infinity (Python: inf) and names the field', async () => {
    const big = JSON.stringify({ ...fixture.configJson, projection_dim: 7 }).replace('"projection_dim":7', '"projection_dim":1e400');
    const error = await loadModelConfig(memoryFiles({ 'config.json': big }, 'big')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigValidationError);
    expect((error as Error).message).toMatch(/projection_dim: expected .*, got Infinity/);
    const tower = await loadTowerConfig(memoryFiles({ 'config.json': '{"hidden_size": 1e400}' }, 'big'), 'text').catch((e: unknown) => e);
    expect((tower as Error).message).toMatch(/hidden_size: expected .*, got Infinity/);
  });

  it('gives a syntax error with file, line and column, and refuses a non-object', async () => {
    const error = await loadModelConfig(memoryFiles({ 'config.json': '{\n  "a": nope}' }, 'dir')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigJsonSyntaxError);
    expect((error as Error).message).toMatch(/^dir\/config\.json:2:8: malformed JSON/);
    await expect(loadModelConfig(memoryFiles({ 'config.json': '[1]' }, 'dir'))).rejects.toThrow(ConfigValidationError);
  });
});
