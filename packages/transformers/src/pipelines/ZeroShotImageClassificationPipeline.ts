import type { AltCLIPModel } from '@altclip/core';
import type { AltCLIPProcessor, ImageInput } from '@altclip/processor';
import { PipelineArgumentError } from '../errors/PipelineArgumentError.js';
import { checkOptions } from '../options/checkOptions.js';
import { formatHypothesis } from './formatHypothesis.js';

export interface ZeroShotImageClassificationOptions {
  /** Turns each label into the text that is embedded; default HF's `'This is a photo of {}.'`. */
  hypothesisTemplate?: string;
}

export interface ZeroShotImageClassificationResult {
  readonly label: string;
  /** Softmax over the candidate labels of this image's `logits_per_image` row. */
  readonly score: number;
}

export interface ZeroShotImageClassificationPipeline {
  /** One image → its labels, best first. */
  (image: ImageInput, candidateLabels: readonly string[], options?: ZeroShotImageClassificationOptions): Promise<ZeroShotImageClassificationResult[]>;
  /** Several images → one list per image. */
  (images: readonly ImageInput[], candidateLabels: readonly string[], options?: ZeroShotImageClassificationOptions): Promise<ZeroShotImageClassificationResult[][]>;
  readonly task: 'zero-shot-image-classification';
  readonly model: AltCLIPModel;
  readonly processor: AltCLIPProcessor;
  dispose(): Promise<void>;
}

export const DEFAULT_HYPOTHESIS_TEMPLATE = 'This is a photo of {}.';

/**
 * HF's ZeroShotImageClassificationPipeline (v4.47.1): images loaded as `load_image` does (EXIF orientation
 * applied), labels put through the template, `processor(text=…, images=…, padding=True)`, the model, and
 * `logits_per_image.softmax(-1)`; labels sorted by score, ties in the given order (Python's stable sort).
 * All images go through one forward pass; every backend computes each row independently of the batch.
 */
export function createZeroShotImageClassificationPipeline(model: AltCLIPModel, processor: AltCLIPProcessor): ZeroShotImageClassificationPipeline {
  const classify = async (images: ImageInput | readonly ImageInput[], candidateLabels: readonly string[], options: ZeroShotImageClassificationOptions = {}) => {
    checkOptions(options, 'options', ['hypothesisTemplate'], {
      hypothesis_template: "use 'hypothesisTemplate'",
      candidate_labels: 'pass the labels as the second argument',
      timeout: 'not implemented: fetch the image yourself (with an AbortSignal) and pass its bytes',
      tokenizer_kwargs: 'not implemented: tokenize and call the model yourself for custom truncation',
    });
    if (!Array.isArray(candidateLabels) || candidateLabels.length === 0 || candidateLabels.some((l) => typeof l !== 'string')) {
      throw new PipelineArgumentError('candidateLabels', 'expected a non-empty array of strings');
    }
    const template = options.hypothesisTemplate ?? DEFAULT_HYPOTHESIS_TEMPLATE;
    if (typeof template !== 'string') throw new PipelineArgumentError('hypothesisTemplate', `expected a string, got ${typeof template}`);
    const batched = Array.isArray(images);
    const list = (batched ? images : [images]) as readonly ImageInput[];
    if (list.length === 0) throw new PipelineArgumentError('images', 'expected at least one image');
    const texts = candidateLabels.map((label) => formatHypothesis(template, label));
    const inputs = await processor({ text: texts, images: list, padding: true, applyExifOrientation: true });
    const { logitsPerImage } = await model.forward(inputs);
    const probs = logitsPerImage.softmax(-1).tolist() as number[][];
    const results = probs.map((row) =>
      row
        .map((score, i) => ({ label: candidateLabels[i], score, i }))
        .sort((a, b) => b.score - a.score || a.i - b.i)
        .map(({ label, score }) => ({ label, score })),
    );
    return batched ? results : results[0];
  };
  return Object.assign(classify, {
    task: 'zero-shot-image-classification' as const,
    model,
    processor,
    dispose: () => model.dispose(),
  }) as ZeroShotImageClassificationPipeline;
}
