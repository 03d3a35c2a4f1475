import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AltCLIPProcessor } from './AltCLIPProcessor.js';
import { ProcessorConfigError } from './errors/ProcessorConfigError.js';
import { ProcessorInputError } from './errors/ProcessorInputError.js';
import { TokenizerArgumentError } from './tokenizer/TokenizerError.js';

// HF transformers 4.47.1's AltCLIPProcessor with the same keywords (scripts/generate-call-options.py).
const expected = JSON.parse(readFileSync(new URL('./__fixtures__/call-options.slow.json', import.meta.url), 'utf8'));
const FIXTURE = fileURLToPath(new URL('../../../fixtures/altclip-tiny/', import.meta.url));

describe('AltCLIPProcessor routes per-call options like HF _merge_kwargs', async () => {
  const processor = await AltCLIPProcessor.fromPretrained(FIXTURE, { prefer: 'slow' });
  const image = `${FIXTURE}images/tiny_7x5.png`;

  it('text and image keywords in one call give HF\'s input_ids, token_type_ids, attention_mask and pixel_values', async () => {
    const c = expected.processor;
    const out = await processor({ text: c.text, images: image, padding: true, returnTokenTypeIds: true, doResize: false, doCenterCrop: false });
    expect(out.inputIds).toEqual(c.expected.input_ids);
    expect(out.tokenTypeIds).toEqual(c.expected.token_type_ids);
    expect(out.attentionMask).toEqual(c.expected.attention_mask);
    expect(out.pixelValues.dims).toEqual(c.pixelShape);
    expect(Array.from(out.pixelValues.data)).toEqual(c.expected.pixel_values.map(Math.fround));
  });

  it('passes textPair, returnSpecialTokensMask and returnLength through to the tokenizer', async () => {
    const pair = expected.tokenizerCalls.find((x: { name: string }) => x.name === 'pair');
    const out = await processor({ text: pair.args[0], textPair: pair.args[1] });
    expect(out.inputIds).toEqual(pair.expected.input_ids);
    const mask = expected.tokenizerCalls.find((x: { name: string }) => x.name === 'special tokens mask, single');
    expect((await processor({ text: mask.args[0], returnSpecialTokensMask: true })).specialTokensMask).toEqual(mask.expected.special_tokens_mask);
    const length = expected.tokenizerCalls.find((x: { name: string }) => x.name === 'length, batch padded');
    expect((await processor({ text: length.args[0], padding: true, returnLength: true })).length).toEqual(length.expected.length);
  });

  it('refuses unknown keys, snake_case keys, and do_convert_rgb (which HF\'s processor ignores) by name', async () => {
    await expect(processor({ images: image, doCenterCrp: false } as never)).rejects.toThrow(/unknown option 'doCenterCrp'/);
    await expect(processor({ text: 'a', return_token_type_ids: true } as never)).rejects.toThrow(/camelCase here: 'returnTokenTypeIds'/);
    await expect(processor({ images: image, doConvertRgb: false } as never)).rejects.toThrow(/doConvertRgb' is not supported/);
    await expect(processor({ images: image, audio: [] } as never)).rejects.toThrow(ProcessorInputError);
    await expect(processor({ images: image, videos: [] } as never)).rejects.toThrow(/videos/);
    await expect(processor({ images: image, doPad: true } as never)).rejects.toThrow(ProcessorInputError);
    // A tokenizer option is checked even when there is no text to apply it to, an image option without images.
    await expect(processor({ images: image, stride: 3 } as never)).rejects.toThrow(TokenizerArgumentError);
    await expect(processor({ images: image, returnTensors: 'pt' } as never)).rejects.toThrow(/returnTensors: expected 'int64' or null/);
    await expect(processor({ text: 'a', doResize: 'yes' } as never)).rejects.toThrow(ProcessorConfigError);
    await expect(processor({ text: 'a', dataFormat: 'channels_last' } as never)).rejects.toThrow(ProcessorInputError);
    expect((await processor({ text: 'a', doResize: false })).inputIds).toEqual((await processor({ text: 'a' })).inputIds);
  });
});

describe('AltCLIPProcessor with the fast tokenizer: returnOffsetsMapping', async () => {
  // HF's Rust tokenizers' offsets (scripts/generate-offsets-fast.mjs).
  const offsets = JSON.parse(readFileSync(new URL('./__fixtures__/offsets.fast.json', import.meta.url), 'utf8'));
  const processor = await AltCLIPProcessor.fromPretrained(FIXTURE);

  it('passes returnOffsetsMapping and offsetsUnit through to the tokenizer', async () => {
    const c = offsets.cases.find((x: { name: string }) => x.name === 'batch, padded to the longest');
    const out = await processor({ text: c.args[0], padding: true, returnOffsetsMapping: true, offsetsUnit: 'codePoint' });
    expect(out.inputIds).toEqual(c.expected.input_ids);
    expect(out.offsetMapping).toEqual(c.expected.offset_mapping);
    expect((await processor({ text: c.args[0], padding: true, returnOffsetsMapping: true })).offsetMapping).toEqual(c.expected.offset_mapping_utf16);
  });
});
