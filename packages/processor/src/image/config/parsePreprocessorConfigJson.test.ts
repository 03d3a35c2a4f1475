import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryFiles } from '@altclip/hub';
import { describe, expect, it } from 'vitest';
import { AltCLIPProcessor } from '../../AltCLIPProcessor.js';
import { ProcessorConfigError } from '../../errors/ProcessorConfigError.js';
import { fixtureUrl } from '../../test-support/fixture.js';
import { CLIPImageProcessor } from '../CLIPImageProcessor.js';
import { parsePreprocessorConfigJson } from './parsePreprocessorConfigJson.js';

const enc = (s: string) => new TextEncoder().encode(s);
// Python's json.loads accepts these literals (transformers reads preprocessor_config.json with it), JSON.parse does not.
const PYTHON_JSON = '{"do_resize": true, "size": {"shortest_edge": 4}, "crop_size": 4, "extra_nan": NaN, "extra_inf": [Infinity, -Infinity]}';

describe('preprocessor_config.json is read as Python json reads it (config.json\'s parser)', () => {
  it('accepts NaN, Infinity and -Infinity', () => {
    const dict = parsePreprocessorConfigJson(enc(PYTHON_JSON), 'p.json') as Record<string, unknown>;
    expect(dict.extra_nan).toBeNaN();
    expect(dict.extra_inf).toEqual([Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY]);
  });

  it('every entry point (folder, ModelFiles, AltCLIPProcessor files) loads such a file, and saving writes the literals back as json.dumps does', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'altclip-ppc-'));
    try {
      await writeFile(join(dir, 'preprocessor_config.json'), PYTHON_JSON);
      const fromFolder = await CLIPImageProcessor.fromPretrained(dir);
      const fromFiles = await CLIPImageProcessor.fromPretrained(memoryFiles({ 'preprocessor_config.json': enc(PYTHON_JSON) }, 'mem'));
      for (const ip of [fromFolder, fromFiles]) {
        expect(ip.toJsonString()).toContain('"extra_nan": NaN');
        expect(ip.toJsonString()).toContain('"extra_inf": [\n    Infinity,\n    -Infinity\n  ]');
      }
      const tokenizerJson = new Uint8Array(await readFile(fileURLToPath(fixtureUrl('tokenizer.json'))));
      const read = async (name: string) => (name === 'preprocessor_config.json' ? enc(PYTHON_JSON) : name === 'tokenizer.json' ? tokenizerJson : null);
      expect((await AltCLIPProcessor.fromFiles(read)).imageProcessor.toJsonString()).toContain('"extra_nan": NaN');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('malformed JSON: ProcessorConfigError naming the file, line and column', async () => {
    const bad = enc('{\n  "size": {"shortest_edge": 4},\n  "crop_size": nan\n}');
    expect(() => parsePreprocessorConfigJson(bad, 'x/preprocessor_config.json')).toThrow(ProcessorConfigError);
    expect(() => parsePreprocessorConfigJson(bad, 'x/preprocessor_config.json')).toThrow(/x\/preprocessor_config\.json: invalid JSON \(line 3, column 16/);
    await expect(CLIPImageProcessor.fromPretrained(memoryFiles({ 'preprocessor_config.json': bad }, 'mem'))).rejects.toThrow(/mem\/preprocessor_config\.json: invalid JSON/);
    expect(() => parsePreprocessorConfigJson(new Uint8Array([0x7b, 0xff, 0x7d]), 'b.json')).toThrow(/b\.json: invalid JSON \(the file is not UTF-8/);
  });
});
