import type { WeightDType } from '../backend/AltCLIPBackend.js';

/** Maximum absolute difference allowed per output group. */
export interface ToleranceSet {
  /** Projected embeddings and features (normalised or not). */
  readonly embeddings: number;
  /** logits_per_image / logits_per_text. */
  readonly logits: number;
  readonly loss: number;
  /** Tower last hidden states, pooler outputs and per-layer hidden states. */
  readonly hiddenStates: number;
  readonly attentions: number;
}

export type ToleranceGroup = keyof ToleranceSet;

/**
 * THE tolerance table, keyed by backend name (or '*') and dtype. Backends do not
 * carry their own numbers: a change here is a reviewed change to core.
 *
 * - fp32 ('*'): the issue's bounds. For scale, PyTorch's own float32-vs-float64
 *   difference on the fixture is ≤ 3.8e-7 for embeddings, 5.5e-6 for logits,
 *   3.0e-6 for hidden states, 1.1e-6 for attentions (fixtures/altclip-tiny/README.md).
 * - fp16: half precision carries ~3 significant digits (unit roundoff 4.9e-4);
 *   through two layers, errors of a few 1e-3 relative on O(1-5) activations are expected.
 * - int8 has no row: an int8 model is a different model whose distance from the oracle depends on
 *   its grid and on the checkpoint's sensitivity, so its bounds are predicted per tensor by
 *   `int8ErrorBounds` from the backend's declared `Int8Scheme` (see ParityTolerances).
 * - reference (float64 arithmetic): four times PyTorch's float32-vs-float64 gap,
 *   i.e. the golden values' own rounding plus margin; proves core's semantics tightly.
 *
 * Besides the bounds, every dtype must keep the golden top-1 of each logits row
 * whose top-1/top-2 margin exceeds twice the logits tolerance (for int8: its predicted bound).
 */
export const TOLERANCES: Readonly<Record<string, Partial<Record<WeightDType, ToleranceSet>>>> = {
  '*': {
    fp32: { embeddings: 1e-5, logits: 1e-4, loss: 1e-4, hiddenStates: 1e-4, attentions: 1e-4 },
    fp16: { embeddings: 5e-3, logits: 5e-2, loss: 1e-2, hiddenStates: 5e-2, attentions: 1e-2 },
  },
  reference: {
    fp32: { embeddings: 2e-6, logits: 2.5e-5, loss: 3e-6, hiddenStates: 1.2e-5, attentions: 5e-6 },
  },
};

export function tolerancesFor(backend: string, dtype: WeightDType): ToleranceSet {
  const set = TOLERANCES[backend]?.[dtype] ?? TOLERANCES['*'][dtype];
  if (!set) {
    const hint = dtype === 'int8' ? ': int8 bounds come from the error model (ParityTolerances / int8ErrorBounds)' : '';
    throw new Error(`no tolerances for backend '${backend}' dtype '${dtype}'${hint}`);
  }
  return set;
}

/** Which tolerance group an expected.safetensors name belongs to. */
export function toleranceGroup(name: string): ToleranceGroup {
  if (name.includes('/attentions/')) return 'attentions';
  if (name === 'model/loss') return 'loss';
  if (name.includes('logits_per_')) return 'logits';
  if (/(text_embeds|image_embeds|_features)$/.test(name)) return 'embeddings';
  return 'hiddenStates';
}
