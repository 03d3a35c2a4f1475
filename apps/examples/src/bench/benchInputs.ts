import type { AltCLIPConfig } from '@altclip/config';
import { Tensor } from '@altclip/core';

/** Deterministic pixel values in the normalised range a CLIP processor produces. */
export function benchPixels(config: AltCLIPConfig, batch: number): Tensor<'float32'> {
  const { num_channels: c, image_size: s } = config.vision_config;
  const data = new Float32Array(batch * c * s * s);
  let x = 12345;
  for (let i = 0; i < data.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    data[i] = (x / 2 ** 32) * 4 - 2;
  }
  return new Tensor('float32', data, [batch, c, s, s]);
}

/** `batch` sequences of `length` tokens: <s>, ordinary ids, </s> (about what a short caption gives). */
export function benchTokens(config: AltCLIPConfig, batch: number, length: number): number[][] {
  const vocab = config.text_config.vocab_size;
  return Array.from({ length: batch }, (_, b) =>
    Array.from({ length }, (_, i) => (i === 0 ? 0 : i === length - 1 ? 2 : 5 + ((b * 7919 + i * 104729) % (vocab - 6)))),
  );
}
