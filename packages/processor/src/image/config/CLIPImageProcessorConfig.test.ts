import { describe, expect, it } from 'vitest';
import { ProcessorConfigError } from '../../errors/ProcessorConfigError.js';
import { getResizeOutputSize } from '../transforms/getResizeOutputSize.js';
import { OPENAI_CLIP_MEAN, parseCLIPImageProcessorConfig } from './CLIPImageProcessorConfig.js';

describe('parseCLIPImageProcessorConfig (HF v4.47.1 get_size_dict rules)', () => {
  it('applies CLIPImageProcessor defaults', () => {
    const c = parseCLIPImageProcessorConfig({});
    expect(c.size).toEqual({ shortest_edge: 224 });
    expect(c.cropSize).toEqual({ height: 224, width: 224 });
    expect(c.resample).toBe(3);
    expect(c.imageMean).toEqual(OPENAI_CLIP_MEAN);
    expect([c.doResize, c.doCenterCrop, c.doRescale, c.doNormalize, c.doConvertRgb]).toEqual([true, true, true, true, true]);
    expect(c.rescaleFactor).toBe(1 / 255);
  });

  it('a legacy integer size is the shortest edge; an integer crop_size is a square', () => {
    const c = parseCLIPImageProcessorConfig({ size: 224, crop_size: 200 });
    expect(c.size).toEqual({ shortest_edge: 224 });
    expect(c.cropSize).toEqual({ height: 200, width: 200 });
  });

  it('a [h, w] list is (height, width); use_square_size squares the shortest edge', () => {
    expect(parseCLIPImageProcessorConfig({ size: [20, 30] }).size).toEqual({ height: 20, width: 30 });
    expect(parseCLIPImageProcessorConfig({ size: { shortest_edge: 50 }, use_square_size: true }).size).toEqual({ height: 50, width: 50 });
  });

  it('rejects invalid size dicts and values, naming the file and field', () => {
    expect(() => parseCLIPImageProcessorConfig({ size: { width: 3 } }, 'cfg.json')).toThrow(/^cfg\.json: size must have one of the key sets/);
    expect(() => parseCLIPImageProcessorConfig({ crop_size: { height: 0, width: 3 } }, 'cfg.json')).toThrow(ProcessorConfigError);
    expect(() => parseCLIPImageProcessorConfig({ image_mean: ['a'] as never })).toThrow(/image_mean/);
    expect(() => parseCLIPImageProcessorConfig(null as never)).toThrow(/expected a JSON object/);
  });
});

describe('getResizeOutputSize', () => {
  it('shortest edge with int() truncation of the long side', () => {
    expect(getResizeOutputSize(300, 451, { shortest_edge: 30 })).toEqual([30, 45]); // 30*451/300 = 45.1
    expect(getResizeOutputSize(400, 40, { shortest_edge: 30 })).toEqual([300, 30]);
    expect(getResizeOutputSize(768, 1024, { shortest_edge: 224 })).toEqual([224, 298]); // 298.67 → 298
    expect(getResizeOutputSize(5, 7, { shortest_edge: 224 })).toEqual([224, 313]); // 313.6 → 313
    expect(getResizeOutputSize(50, 50, { shortest_edge: 224 })).toEqual([224, 224]);
  });

  it('{height, width} is used as is; other dicts are rejected like HF', () => {
    expect(getResizeOutputSize(300, 451, { height: 20, width: 10 })).toEqual([20, 10]);
    expect(() => getResizeOutputSize(300, 451, { longest_edge: 20 })).toThrow(/shortest_edge/);
  });
});
