import type { AttentionImplementation } from '../graph/TowerBuildOptions.js';
import type { Int8Activations } from '../quantize/int8Scheme.js';
import type { OrtModule, OrtSessionOptions } from '../runtime/OrtModule.js';
import type { ExternalModel } from './GraphSessionFactory.js';

/** Options shared by `createOnnxNodeBackend` and `createOnnxWebBackend`. */
export interface OnnxBackendOptions {
  /** Passed to every `InferenceSession.create` (executionProviders, intraOpNumThreads, graphOptimizationLevel, …). */
  sessionOptions?: OrtSessionOptions;
  /** Attention implementation of built graphs; default 'standard' (see README for measurements). */
  attention?: AttentionImplementation;
  /**
   * Activation precision of built graphs with dtype 'fp16': 'float32' (default; weights widened
   * at load) or 'float16' (half-precision compute, for WebGPU). Also a per-tower load option.
   */
  compute?: 'float32' | 'float16';
  /**
   * How dtype 'int8' rounds each Linear's input: 'per-tensor' (default, ORT's fused kernel, fastest)
   * or 'per-row' (a grid per token: embeddings independent of the rest of the batch, ~25 % slower
   * per Linear). Declared in `capabilities.int8`, so a backend-level choice only.
   */
  int8Activations?: Int8Activations;
  /** dtype 'q4': per-block zero points (asymmetric 4-bit grid; default false: symmetric). Declared in `capabilities.q4`. */
  q4ZeroPoints?: boolean;
  /** Use this exported text tower instead of building one (weights are then ignored). */
  textModel?: ExternalModel;
  /** Use this exported vision tower instead of building one. */
  visionModel?: ExternalModel;
  /**
   * wasm EP only: the bytes of weights the towers of this backend may hold in wasm memory (one 4 GiB
   * heap shared by all sessions, which also holds activations and ORT's copies during session
   * creation). Exported towers above it are refused before anything is read (WasmMemoryError naming
   * the dtype to use). Default 3 GiB.
   */
  wasmMemoryLimit?: number;
  /** An already imported (and configured) onnxruntime module; default: dynamic import of the peer package. */
  ort?: OrtModule;
}
