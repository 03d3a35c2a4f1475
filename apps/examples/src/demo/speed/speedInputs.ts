import type { AltCLIPConfig } from '@altclip/config';
import { Tensor } from '@altclip/core';

/** Tokens per text in the speed measurement (a short caption, as in `pnpm bench`'s b8×16 row). */
export const SPEED_TEXT_TOKENS = 16;

/**
 * `batch` images (pixels already normalised) and `batch` texts of SPEED_TEXT_TOKENS tokens, from a fixed
 * linear congruential sequence: measuring speed needs no processor, so a random-weight model exported
 * without tokenizer files can be measured too, and every run sees the same inputs.
 */
export function speedInputs(config: AltCLIPConfig, batch: number) {
  let state = 14;
  const next = () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  const seq = SPEED_TEXT_TOKENS;
  const vocab = config.text_config.vocab_size;
  // <s> … </s> as XLM-R frames a text (ids 0 and 2); the rest ordinary vocabulary ids.
  const ids = BigInt64Array.from({ length: batch * seq }, (_, i) => (i % seq === 0 ? 0n : i % seq === seq - 1 ? 2n : BigInt(3 + Math.floor(next() * (vocab - 3)))));
  const mask = new BigInt64Array(batch * seq).fill(1n);
  const { image_size: size, num_channels: channels } = config.vision_config;
  const pixels = Float32Array.from({ length: batch * channels * size * size }, () => next() * 4 - 2);
  return {
    text: { inputIds: new Tensor('int64', ids, [batch, seq]), attentionMask: new Tensor('int64', mask, [batch, seq]) },
    image: { pixelValues: new Tensor('float32', pixels, [batch, channels, size, size]) },
  };
}
