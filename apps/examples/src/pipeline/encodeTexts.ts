import type { AltCLIPProcessor } from '@altclip/processor';
import { UsageError } from '../cli/CliError.js';

export interface EncodedTexts {
  inputIds: number[][];
  attentionMask: number[][];
}

/** HF's `processor(text=texts, padding=True, truncation=max_length is not None, max_length=...)`. */
export async function encodeTexts(processor: AltCLIPProcessor, texts: readonly string[], maxLength?: unknown): Promise<EncodedTexts> {
  if (maxLength !== undefined && (!Number.isInteger(maxLength) || (maxLength as number) < 1)) {
    throw new UsageError(`--max-length: expected a positive integer, got ${maxLength}`);
  }
  const out = await processor({
    text: [...texts],
    padding: true,
    ...(maxLength !== undefined ? { truncation: true, maxLength: maxLength as number } : {}),
  });
  return { inputIds: out.inputIds as number[][], attentionMask: out.attentionMask as number[][] };
}
