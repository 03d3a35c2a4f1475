import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProcessorConfigError } from '../../errors/ProcessorConfigError.js';
import { fuzzSettings, fuzzTimeout } from '../../test-support/fuzzSettings.js';
import { type CLIPImageProcessorConfig, type CLIPImageProcessorDict, parseCLIPImageProcessorConfig } from './CLIPImageProcessorConfig.js';

const TINY = JSON.parse(readFileSync(new URL('../../../../../fixtures/altclip-tiny/preprocessor_config.json', import.meta.url), 'utf8')) as Record<string, unknown>;

const HOSTILE: unknown[] = [
  0, -1, 1, 3, 5, 6, 224, 0.5, 1.5, 1e9, 2 ** 31, 2 ** 53, -(2 ** 63), 1e-300, Number.MAX_VALUE, '', 'bicubic', 'a'.repeat(1_000), null, true,
  false, [], {}, [224], [224, 224], [224, 224, 3], [0.5, 'x'], new Array(1_000).fill(0.5), { shortest_edge: 224 }, { height: 30, width: 30 },
  { height: 30 }, { shortest_edge: 0 }, { longest_edge: 2 ** 40 }, { max_height: 10, max_width: 10 }, { shortest_edge: 30, longest_edge: 40 },
  { height: 1.5, width: 2 }, { __proto__: 1 },
];
const KEYS = ['do_resize', 'size', 'resample', 'do_center_crop', 'crop_size', 'do_rescale', 'rescale_factor', 'do_normalize', 'image_mean', 'image_std', 'do_convert_rgb', 'use_square_size', 'unknown_key', '__proto__', 'constructor'];

/** The config back in preprocessor_config.json form: parsing it again must give the same config. */
function toDict(c: CLIPImageProcessorConfig): CLIPImageProcessorDict {
  return {
    do_resize: c.doResize,
    size: { ...c.size },
    resample: c.resample,
    do_center_crop: c.doCenterCrop,
    crop_size: { ...c.cropSize },
    do_rescale: c.doRescale,
    rescale_factor: c.rescaleFactor,
    do_normalize: c.doNormalize,
    image_mean: typeof c.imageMean === 'number' ? c.imageMean : [...c.imageMean],
    image_std: typeof c.imageStd === 'number' ? c.imageStd : [...c.imageStd],
    do_convert_rgb: c.doConvertRgb,
  };
}

describe('preprocessor_config.json fuzz', () => {
  it('typed error or a config that parses back equal, for 10,000 mutated configs', () => {
    const { seed, iterations, random } = fuzzSettings('preprocessor_config.json', 10_000, 20261205);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
    const outcomes = { loaded: 0, refused: 0 };
    const started = performance.now();
    for (let i = 0; i < iterations; i++) {
      // Whole documents of the wrong kind now and then; otherwise edits of the fixture's config.
      let dict: unknown = random() < 0.02 ? structuredClone(pick(HOSTILE)) : structuredClone(TINY);
      if (typeof dict === 'object' && dict !== null && !Array.isArray(dict)) {
        for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
          const key = pick(KEYS);
          if (random() < 0.15) delete (dict as Record<string, unknown>)[key];
          else Object.defineProperty(dict, key, { value: structuredClone(pick(HOSTILE)), enumerable: true, writable: true, configurable: true });
        }
      }
      // JSON text in and out, as the file would be (drops undefined, keeps key order).
      dict = JSON.parse(JSON.stringify(dict) ?? 'null');
      let config: CLIPImageProcessorConfig;
      try {
        config = parseCLIPImageProcessorConfig(dict as CLIPImageProcessorDict, 'fuzz/preprocessor_config.json');
      } catch (error) {
        if (!(error instanceof ProcessorConfigError)) {
          throw new Error(`seed ${seed}, input ${i}: untyped ${(error as Error)?.name}: ${(error as Error)?.message}`, { cause: error });
        }
        if (error.message.length > 20_000) throw new Error(`seed ${seed}, input ${i}: a ${error.message.length}-character error message`);
        outcomes.refused++;
        continue;
      }
      const again = parseCLIPImageProcessorConfig(JSON.parse(JSON.stringify(toDict(config))), 'fuzz/saved.json');
      if (JSON.stringify(again) !== JSON.stringify(config)) throw new Error(`seed ${seed}, input ${i}: the config does not parse back equal`);
      outcomes.loaded++;
    }
    const seconds = (performance.now() - started) / 1000;
    console.info(`preprocessor_config.json fuzz: ${iterations} inputs, ${outcomes.loaded} parsed back equal, ${outcomes.refused} ProcessorConfigError, ${seconds.toFixed(1)} s`);
    expect(outcomes.loaded).toBeGreaterThan(iterations / 20);
    expect(outcomes.refused).toBeGreaterThan(iterations / 4);
  }, fuzzTimeout(120_000));
});
