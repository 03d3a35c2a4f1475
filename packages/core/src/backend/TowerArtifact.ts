import type { ModelFiles } from '@altclip/hub';
import type { TowerWeights, WeightDType } from './AltCLIPBackend.js';

/**
 * One tower of an exported folder, as core hands it to a backend (contract v1, revision
 * "exported artifacts"). Core reads the manifest and the small tensors it computes with
 * itself; the backend opens the graph files by name through `files` — by local path, URL or
 * bytes, whatever its runtime prefers — and never sees a checkpoint.
 */
export interface TowerArtifact {
  readonly tower: 'text' | 'vision';
  /** `<format>/<version>`, one of the backend's `capabilities.artifacts` (e.g. `onnx/1`). */
  readonly format: string;
  readonly dtype: WeightDType;
  /** Where the files are (directory, Hub repo, URL, memory). */
  readonly files: ModelFiles;
  /** The tower's graph (repository-relative file name, e.g. `onnx/text_model.onnx`). */
  readonly graph: string;
  /** A graph that also outputs every hidden state and attention map, when the export has one. */
  readonly allOutputsGraph?: string;
  /** Files the graphs reference (external data), repository-relative. */
  readonly externalData: readonly string[];
  /** Bytes of the graph and its external data on disk (from the manifest), so a backend can refuse what cannot fit before reading it. */
  readonly byteSize: number;
  /** The backend-specific part of the manifest for this export (schemes, options it was built with). */
  readonly backendInfo: Readonly<Record<string, unknown>>;
  /**
   * Tensors core keeps in the export besides the graphs, in TowerWeights names: the vision
   * tower's `embeddings.position_embedding.weight` (the graph takes the table as an input).
   */
  readonly weights: TowerWeights;
}
