import type { AttentionImplementation } from '../graph/TowerBuildOptions.js';
import type { OrtModule, OrtSessionOptions } from '../runtime/OrtModule.js';
import type { ExternalModel } from './GraphSessionFactory.js';

/** Options shared by `createOnnxNodeBackend` and `createOnnxWebBackend`. */
export interface OnnxBackendOptions {
  /** Passed to every `InferenceSession.create` (executionProviders, intraOpNumThreads, graphOptimizationLevel, …). */
  sessionOptions?: OrtSessionOptions;
  /** Attention implementation of built graphs; default 'standard' (see README for measurements). */
  attention?: AttentionImplementation;
  /** Use this exported text tower instead of building one (weights are then ignored). */
  textModel?: ExternalModel;
  /** Use this exported vision tower instead of building one. */
  visionModel?: ExternalModel;
  /** An already imported (and configured) onnxruntime module; default: dynamic import of the peer package. */
  ort?: OrtModule;
}
