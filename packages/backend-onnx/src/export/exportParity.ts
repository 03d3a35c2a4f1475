import { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, type AltCLIPBackend, type ModelFiles, SeededNormal, Tensor, toFloat32 } from '@altclip/core';
import { createReferenceBackend } from '@altclip/core/parity';

/** Max |exported − float64 reference| on a fixture-shaped batch, recorded in the manifest. */
export interface ExportParity {
  /** What was compared, so a reader knows what the figures mean. */
  readonly check: string;
  readonly textEmbeds?: number;
  readonly imageEmbeds?: number;
  readonly logitsPerText?: number;
}

function maxAbsDiff(a: Tensor, b: Tensor): number {
  const x = toFloat32(a).data;
  const y = toFloat32(b).data;
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i] - y[i]));
  // Rounded to 3 significant digits: the manifest is for people, and stays byte-identical across runs.
  return Number(m.toPrecision(3));
}

/** Two texts (lengths 7 and 5, padded, ids drawn in the vocabulary) and two images at the config's size, seeded. */
export function fixtureShapedInputs(config: AltCLIPConfig): { inputIds: Tensor<'int64'>; attentionMask: Tensor<'int64'>; pixelValues: Tensor<'float32'> } {
  const random = new SeededNormal(14);
  const vocab = config.text_config.vocab_size;
  const lengths = [7, 5];
  const seq = 7;
  const ids = new BigInt64Array(2 * seq).fill(1n);
  const mask = new BigInt64Array(2 * seq);
  for (const [b, n] of lengths.entries()) {
    for (let i = 0; i < n; i++) {
      ids[b * seq + i] = i === 0 ? 0n : i === n - 1 ? 2n : BigInt(3 + Math.floor(random.uniform() * (vocab - 3)));
      mask[b * seq + i] = 1n;
    }
  }
  const { image_size: size, num_channels: channels } = config.vision_config;
  const pixels = Float32Array.from({ length: 2 * channels * size * size }, () => random.normal());
  return { inputIds: new Tensor('int64', ids, [2, seq]), attentionMask: new Tensor('int64', mask, [2, seq]), pixelValues: new Tensor('float32', pixels, [2, channels, size, size]) };
}

/**
 * Loads the written folder (nothing built, no checkpoint) on `backend` and compares it with core's
 * float64 reference on the original weights. For int8/q4 the figures are the quantisation's own
 * error plus the runtime's; the parity suite bounds them on the fixture, this only records them.
 */
export async function exportParity(exported: ModelFiles, config: AltCLIPConfig, stateDict: ReadonlyMap<string, Tensor>, backend: AltCLIPBackend): Promise<ExportParity> {
  const inputs = fixtureShapedInputs(config);
  const check = 'max |exported − float64 reference|, 2 texts (7 and 5 tokens, padded) and 2 images of N(0,1) pixels at image_size, seeded';
  const model = await AltCLIPModel.fromPretrained(exported, { backend });
  const reference = await AltCLIPModel.fromWeights(config, stateDict, { backend: createReferenceBackend(), onWarning: () => {} });
  try {
    const [a, b] = await Promise.all([model.forward(inputs), reference.forward(inputs)]);
    return { check, textEmbeds: maxAbsDiff(a.textEmbeds, b.textEmbeds), imageEmbeds: maxAbsDiff(a.imageEmbeds, b.imageEmbeds), logitsPerText: maxAbsDiff(a.logitsPerText, b.logitsPerText) };
  } finally {
    await Promise.all([model.dispose(), reference.dispose()]);
  }
}
