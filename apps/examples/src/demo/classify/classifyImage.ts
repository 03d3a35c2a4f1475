import { Tensor } from '@altclip/core';
import type { LoadedModel } from '../model/LoadedModel.js';
import { applyTemplate } from './applyTemplate.js';
import { type RankedLabel, rankLabels } from './rankLabels.js';
import { softmax } from './softmax.js';
import { timed } from './timed.js';

export interface ClassifyRequest {
  readonly image: Blob;
  readonly labels: readonly string[];
  /** `"a photo of {}"`, or blank for the bare labels. */
  readonly template: string;
}

export interface Classification {
  readonly ranking: RankedLabel[];
  /** Tokenising the labels plus decoding, resizing and normalising the image (the first run also loads the processor). */
  readonly preprocessMs: number;
  /** Both towers, the projections and the logits (`AltCLIPModel.forward`). */
  readonly inferenceMs: number;
}

/** Zero-shot classification: softmax over `logitsPerImage` for one image against every label. */
export async function classifyImage(loaded: LoadedModel, request: ClassifyRequest): Promise<Classification> {
  const texts = request.labels.map((label) => applyTemplate(request.template, label));
  // Padding to the longest label and truncation at the tokenizer's limit, as HF's zero-shot pipeline does.
  const prepared = await timed(async () => (await loaded.processor())({ text: texts, images: request.image, padding: true, truncation: true }));
  const { inputIds, attentionMask, pixelValues } = prepared.value;
  const pixels = new Tensor('float32', pixelValues!.data, [...pixelValues!.dims]);
  const forward = await timed(() =>
    loaded.model.forward({ inputIds: inputIds as number[][], attentionMask: attentionMask as number[][], pixelValues: pixels }),
  );
  const logits = Array.from(forward.value.logitsPerImage.data);
  return {
    ranking: rankLabels(request.labels, texts, logits, softmax(logits)),
    preprocessMs: prepared.ms,
    inferenceMs: forward.ms,
  };
}
