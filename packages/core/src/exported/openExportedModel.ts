import type { AltCLIPBackend, TowerLoadOptions, TowerWeights, WeightDType } from '../backend/AltCLIPBackend.js';
import type { TowerArtifact } from '../backend/TowerArtifact.js';
import { readSafetensors } from '../checkpoint/safetensors/SafetensorsFile.js';
import { type ModelFiles, readFileBytes, readText } from '@altclip/hub';
import { BackendResolutionError, resolveBackend } from '../registry/BackendRegistry.js';
import type { Tensor } from '../tensor/Tensor.js';
import { EXPORT_EXTRAS_FILE, EXPORT_MANIFEST_FILE, type ExportManifest, parseExportManifest } from './ExportManifest.js';
import { ExportedModelError } from './ExportedModelError.js';

/** An exported folder as core sees it: its manifest and the few tensors core computes with. */
export interface ExportedModel {
  readonly files: ModelFiles;
  readonly manifest: ExportManifest;
  /** HF names: `logit_scale`, `vision_model.embeddings.position_embedding.weight` (those the export has). */
  readonly extras: ReadonlyMap<string, Tensor>;
}

/** The exported model in `files`, or null when there is no altclip_export.json (a checkpoint folder). */
export async function openExportedModel(files: ModelFiles): Promise<ExportedModel | null> {
  const text = await readText(files, EXPORT_MANIFEST_FILE);
  if (text === null) return null;
  const manifest = parseExportManifest(text, `${files.name}/${EXPORT_MANIFEST_FILE}`);
  const bytes = await readFileBytes(files, EXPORT_EXTRAS_FILE);
  if (bytes === null) throw new ExportedModelError(`${files.name}: ${EXPORT_EXTRAS_FILE} is missing (the export wrote it; copy the whole folder)`);
  return { files, manifest, extras: await readSafetensors(bytes) };
}

/** A tensor of the extras file, or a typed error naming it. */
export function exportedExtra(model: ExportedModel, name: string): Tensor {
  const tensor = model.extras.get(name);
  if (!tensor) throw new ExportedModelError(`${model.files.name}/${EXPORT_EXTRAS_FILE}: tensor "${name}" is missing`);
  return tensor;
}

/**
 * Resolves the backend for an exported folder: the dtype is the export's (asking for another is an
 * error: the weights were quantised at export), and the backend must open the artifact format.
 */
export async function prepareExportedBackend(model: ExportedModel, towers: readonly ('text' | 'vision')[], options: { backend?: AltCLIPBackend | string | readonly string[]; dtype?: WeightDType; backendOptions?: Record<string, unknown> }): Promise<{ backend: AltCLIPBackend; loadOptions: TowerLoadOptions }> {
  const { manifest, files } = model;
  for (const tower of towers) {
    if (!manifest.towers[tower]) throw new ExportedModelError(`${files.name}: this export has no ${tower} tower (towers: ${Object.keys(manifest.towers).join(', ')}); export it with --towers ${towers.join(',')}`);
  }
  const dtype: WeightDType = manifest.dtype;
  if (options.dtype !== undefined && options.dtype !== dtype) {
    throw new ExportedModelError(`options.dtype: ${files.name} was exported as '${dtype}'; omit dtype or pass '${dtype}' (export again with --dtype ${options.dtype} for that dtype)`);
  }
  const backend = await resolveBackend(options.backend);
  const formats = backend.capabilities.artifacts ?? [];
  if (!formats.includes(manifest.artifact) || !backend.loadExportedTextTower || !backend.loadExportedVisionTower) {
    throw new BackendResolutionError(`backend '${backend.name}' cannot open exported '${manifest.artifact}' graphs (${files.name}); it opens ${formats.length ? formats.join(', ') : 'no exported formats'} — use a backend that does (e.g. onnx-node, onnx-web) or load the original checkpoint`);
  }
  if (!backend.capabilities.dtypes.includes(dtype)) {
    throw new BackendResolutionError(`backend '${backend.name}' does not support dtype '${dtype}' of ${files.name} (it supports ${backend.capabilities.dtypes.join(', ')})`);
  }
  return { backend, loadOptions: { ...options.backendOptions, dtype } };
}

/** What the backend gets for one tower. */
export function towerArtifact(model: ExportedModel, tower: 'text' | 'vision'): TowerArtifact {
  const entry = model.manifest.towers[tower];
  if (!entry) throw new ExportedModelError(`${model.files.name}: this export has no ${tower} tower`);
  const weights: TowerWeights =
    tower === 'vision' ? new Map([['embeddings.position_embedding.weight', exportedExtra(model, 'vision_model.embeddings.position_embedding.weight')]]) : new Map();
  return {
    tower,
    format: model.manifest.artifact,
    dtype: model.manifest.dtype,
    files: model.files,
    graph: entry.graph,
    allOutputsGraph: entry.allOutputsGraph,
    externalData: entry.externalData,
    byteSize: model.manifest.files.filter((f) => f.path === entry.graph || entry.externalData.includes(f.path)).reduce((n, f) => n + f.size, 0),
    backendInfo: model.manifest.backend,
    weights,
  };
}
