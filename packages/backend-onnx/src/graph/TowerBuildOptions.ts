import type { WeightDType } from '@altclip/core';
import type { Int8Activations } from '../quantize/int8Scheme.js';

export type AttentionImplementation = 'standard' | 'contrib' | 'fused';

/** Everything that changes the built graph (and therefore the graph-cache key). */
export interface TowerBuildOptions {
  /** Storage/compute precision of the weights; default 'fp32'. */
  readonly dtype: WeightDType;
  /**
   * 'standard': MatMul/Softmax from the default domain (runs everywhere);
   * 'contrib': ORT's com.microsoft.MultiHeadAttention; 'fused': com.microsoft.Attention with
   * packed QKV weights (float weights only). Neither returns attention maps, so the
   * all-outputs variant always uses 'standard'.
   */
  readonly attention: AttentionImplementation;
  /** Also output every hidden state and attention map (the "full" variant). */
  readonly allOutputs: boolean;
  /**
   * Activation precision: 'float32' (default), or 'float16' for execution providers
   * with fast half-precision kernels (WebGPU); needs dtype 'fp16'.
   */
  readonly compute?: 'float32' | 'float16';
  /**
   * fp16 embedding tables are widened to float32 before the Gather (ORT folds that Cast at load)
   * instead of after it. For onnxruntime-web's WebGPU EP, whose Gather reads 32-bit words and
   * returns wrong rows from a float16 table (measured in Chromium); elsewhere gathering first
   * keeps the table half-sized in memory.
   */
  readonly gatherTablesAsFloat32?: boolean;
  /** How int8 graphs round each Linear's input (dtype 'int8' only; default 'per-tensor'). */
  readonly int8Activations?: Int8Activations;
  /** dtype 'q4' only: per-block zero points (asymmetric 4-bit grid) instead of the symmetric one. */
  readonly q4ZeroPoints?: boolean;
  /**
   * dtype 'q4' only: keep the text embedding tables float32 instead of 4-bit blocks — onnxruntime-web's
   * WebGPU EP returns wrong rows from them (src/web/ortWebgpuInt4Table.browser.test.ts).
   */
  readonly q4FloatTables?: boolean;
}

export const defaultBuildOptions: TowerBuildOptions = { dtype: 'fp32', attention: 'standard', allOutputs: false, compute: 'float32' };
