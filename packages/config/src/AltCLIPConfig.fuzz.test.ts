import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AltCLIPConfig } from './AltCLIPConfig.js';
import { BAAI_ALTCLIP_CONFIG } from './baaiAltCLIPConfig.js';
import { ConfigJsonSyntaxError } from './ConfigJsonSyntaxError.js';
import { ConfigValidationError } from './ConfigValidationError.js';
import { fuzzSettings, fuzzTimeout } from './test-support/fuzzSettings.js';
import { toPythonJson } from './toPythonJson.js';

const TINY = readFileSync(new URL('../../../fixtures/altclip-tiny/config.json', import.meta.url), 'utf8');

/** Values a hostile or careless config.json holds, written as Python's json would (NaN, Infinity). */
const HOSTILE: unknown[] = [
  Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 0, -1, 1, 2, 3, 0.5, 1.5, 1e6, 1e9, 2 ** 31, 2 ** 53, 2 ** 64,
  -(2 ** 63), 1e-300, 'gelu', 'quick_gelu', 'relu', 'not-an-activation', '', 'a'.repeat(1_000), null, true, false, [], {},
  [1, 2], { a: 1 }, new Array(1_000).fill(7), 'altclip', 'altclip_text_model', 'altclip_vision_model',
];

type Json = Record<string, unknown> | unknown[];

/** Containers (objects and arrays) of a JSON tree with their paths, to pick an edit site from. */
function containers(value: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(value) || (typeof value === 'object' && value !== null)) {
    out.push(value as Json);
    for (const child of Object.values(value as object)) containers(child, out);
  }
  return out;
}

function mutateTree(doc: Record<string, unknown>, random: () => number): Record<string, unknown> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
    const target = pick(containers(doc));
    const keys = Object.keys(target);
    const kind = random();
    if (keys.length > 0 && kind < 0.6) {
      const key = pick(keys);
      (target as Record<string, unknown>)[key] = structuredClone(pick(HOSTILE));
    } else if (keys.length > 0 && kind < 0.75 && !Array.isArray(target)) {
      delete (target as Record<string, unknown>)[pick(keys)];
    } else if (!Array.isArray(target)) {
      const key = pick(['text_config', 'vision_config', 'hidden_size', 'num_hidden_layers', 'patch_size', 'image_size', 'id2label', 'label2id', 'torch_dtype', 'unknown_key', 'architectures', '__proto__', 'constructor']);
      (target as Record<string, unknown>)[key] = structuredClone(pick(HOSTILE));
    } else {
      (target as unknown[]).push(structuredClone(pick(HOSTILE)));
    }
  }
  return doc;
}

function mutateText(text: string, random: () => number): string {
  const at = Math.floor(random() * text.length);
  const kind = random();
  if (kind < 0.3) return text.slice(0, at);
  if (kind < 0.6) return text.slice(0, at) + text.slice(at + 1 + Math.floor(random() * 5));
  const noise = ['{', '}', '[', ']', ',', ':', '"', '\\', 'NaN', '-Infinity', '1e400', '-', '0x1', '\u0000', '\ud800', '/*', 'tru'];
  return text.slice(0, at) + noise[Math.floor(random() * noise.length)] + text.slice(at);
}

describe('config.json fuzz', () => {
  it('typed error or a config that saves back equal, for 10,000 mutated config.json files', () => {
    const { seed, iterations, random } = fuzzSettings('config.json', 10_000, 20261205);
    const seeds = [JSON.parse(TINY) as Record<string, unknown>, BAAI_ALTCLIP_CONFIG as Record<string, unknown>];
    const outcomes = { loaded: 0, validation: 0, syntax: 0 };
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    for (let i = 0; i < iterations; i++) {
      const doc = mutateTree(structuredClone(seeds[i % 2]), random);
      let text = toPythonJson(doc);
      if (random() < 0.25) text = mutateText(text, random);
      let config: AltCLIPConfig;
      try {
        config = AltCLIPConfig.fromJsonString(text, { source: 'fuzz/config.json' });
      } catch (error) {
        if (error instanceof ConfigValidationError) outcomes.validation++;
        else if (error instanceof ConfigJsonSyntaxError) outcomes.syntax++;
        else throw new Error(`seed ${seed}, input ${i}: untyped ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
        if ((error as Error).message.length > 20_000) throw new Error(`seed ${seed}, input ${i}: a ${(error as Error).message.length}-character error message`);
        continue;
      }
      // Round trip: what loads saves back to text that loads to an equal config (full dict, not the diff).
      const saved = config.toJsonString(false);
      const again = AltCLIPConfig.fromJsonString(saved, { source: 'fuzz/saved.json' });
      // Compared as the text Python's json would write (toJsonString(false) is every field, sorted): NaN != NaN
      // would fail a value comparison, as it does in Python for distinct NaN objects.
      if (again.toJsonString(false) !== saved) {
        throw new Error(`seed ${seed}, input ${i}: the saved config does not load back equal`);
      }
      outcomes.loaded++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`config.json fuzz: ${iterations} inputs, ${outcomes.loaded} loaded and saved back equal, ${outcomes.validation} ConfigValidationError, ${outcomes.syntax} ConfigJsonSyntaxError, ${seconds.toFixed(1)} s`);
    // Each input is a few kB; what survives the loop is garbage, not growth.
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(256 * 1024 ** 2);
    expect(outcomes.loaded).toBeGreaterThan(iterations / 20);
    expect(outcomes.validation).toBeGreaterThan(iterations / 4);
  }, fuzzTimeout(120_000));
});
