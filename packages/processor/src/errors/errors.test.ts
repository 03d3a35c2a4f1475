import { describe, expect, it } from 'vitest';
import { CLIPImageProcessor } from '../image/CLIPImageProcessor.js';
import { loadImage } from '../image/decode/loadImage.js';
import { fixtureBytes, fixtureUrl } from '../test-support/fixture.js';
import { ImageDecodeError } from './ImageDecodeError.js';
import { InvalidImageError } from './InvalidImageError.js';
import { ProcessorConfigError } from './ProcessorConfigError.js';
import { UnsupportedImageFormatError } from './UnsupportedImageFormatError.js';

describe('typed errors name the input and the problem', () => {
  it('truncated PNG bytes', async () => {
    const bytes = (await fixtureBytes('images/chelsea.png')).slice(0, 5000);
    await expect(loadImage(bytes)).rejects.toThrow(ImageDecodeError);
    await expect(loadImage(bytes)).rejects.toThrow(/truncated/);
  });

  it('PNG with a corrupted chunk (CRC mismatch)', async () => {
    const bytes = (await fixtureBytes('images/tiny_7x5.png')).slice();
    bytes[40] ^= 0xff;
    await expect(loadImage(bytes)).rejects.toThrow(ImageDecodeError);
  });

  it('truncated JPEG bytes', async () => {
    const bytes = (await fixtureBytes('images/coffee.jpg')).slice(0, 20000);
    await expect(loadImage(bytes)).rejects.toThrow(ImageDecodeError);
    await expect(loadImage(bytes, { jpegDecoder: 'js' })).rejects.toThrow(ImageDecodeError);
  });

  it('unsupported format', async () => {
    const bytes = new TextEncoder().encode('this is not an image at all');
    await expect(loadImage(bytes)).rejects.toThrow(UnsupportedImageFormatError);
    await expect(loadImage(bytes)).rejects.toThrow(/unrecognised image format/);
  });

  it('unsupported input object', async () => {
    await expect(loadImage({ foo: 1 } as never)).rejects.toThrow(UnsupportedImageFormatError);
  });

  it('empty and zero-sized images', async () => {
    await expect(loadImage(new Uint8Array(0))).rejects.toThrow(InvalidImageError);
    await expect(loadImage({ data: new Uint8Array(0), width: 0, height: 5, channels: 3 })).rejects.toThrow(/zero-sized/);
    // A PNG header declaring width 0 (CRC recomputed so only the size is wrong).
    const png = (await fixtureBytes('images/tiny_7x5.png')).slice();
    png.set([0, 0, 0, 0], 16);
    const { crc32 } = await import('../image/decode/png/crc32.js');
    new DataView(png.buffer).setUint32(29, crc32(png, 12, 29));
    await expect(loadImage(png)).rejects.toThrow(InvalidImageError);
  });

  it('raw image with inconsistent length or channels', async () => {
    await expect(loadImage({ data: new Uint8Array(10), width: 2, height: 2, channels: 3 })).rejects.toThrow(/expected width\*height\*channels/);
    await expect(loadImage({ data: new Uint8Array(10), width: 2, height: 1, channels: 5 as 3 })).rejects.toThrow(/channels must be/);
  });

  it('missing file', async () => {
    await expect(loadImage('/nonexistent/dir/cat.png')).rejects.toThrow(ImageDecodeError);
    await expect(loadImage('/nonexistent/dir/cat.png')).rejects.toThrow(/\/nonexistent\/dir\/cat.png/);
  });

  it('model folder without preprocessor_config.json', async () => {
    const dir = fixtureUrl('images/').href;
    await expect(CLIPImageProcessor.fromPretrained(dir)).rejects.toThrow(ProcessorConfigError);
    await expect(CLIPImageProcessor.fromPretrained(dir)).rejects.toThrow(/preprocessor_config\.json/);
  });

  it('invalid config fields', () => {
    expect(() => CLIPImageProcessor.fromDict({ resample: 7 })).toThrow(/resample must be a PIL filter id/);
    expect(() => CLIPImageProcessor.fromDict({ size: { shortest: 3 } as never })).toThrow(/size must have one of the key sets/);
    expect(() => CLIPImageProcessor.fromDict({ do_resize: 'yes' as never })).toThrow(/do_resize must be true or false/);
  });
});
