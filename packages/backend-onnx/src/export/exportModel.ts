import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AltCLIPConfig } from '@altclip/config';
import {
  EXPORT_EXTRAS_FILE,
  EXPORT_MANIFEST_FILE,
  EXPORT_MANIFEST_VERSION,
  type ExportedFileEntry,
  type ExportedTowerEntry,
  type ExportManifest,
  loadCheckpoint,
  type ModelFiles,
  matchStateDict,
  modelParameterSpecs,
  type ResolveOptions,
  readFileBytes,
  resolveModelFiles,
  type Tensor,
  towerWeights,
  type WeightDType,
  writeSafetensors,
} from '@altclip/core';
import { ONNX_ARTIFACT_FORMAT } from '../backend/OnnxBackend.js';
import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { TowerBuildOptions } from '../graph/TowerBuildOptions.js';
import { buildTextTowerGraph, type TextGraphConfig } from '../graph/textTowerGraph.js';
import { pick, TEXT_FIELDS, VISION_FIELDS } from '../graph/towerGraphConfig.js';
import { buildVisionTowerGraph, type VisionGraphConfig } from '../graph/visionTowerGraph.js';
import { createOnnxNodeBackend } from '../node/createOnnxNodeBackend.js';
import { GRAPH_FORMAT_VERSION } from '../node/graphCacheKey.js';
import { writeExternalDataFile } from '../node/writeExternalDataFile.js';
import type { Int8Activations } from '../quantize/int8Scheme.js';
import { type ExternalDataPlan, planExternalData } from '../serialize/ExternalDataPlan.js';
import { IR_VERSION, OPSET_VERSION, serializeModel } from '../serialize/serializeModel.js';
import { WeightReader } from '../weights/WeightReader.js';
import { ExportError } from './ExportError.js';
import { type ExportParity, exportParity } from './exportParity.js';

export type ExportTower = 'text' | 'vision';

export interface ExportOptions extends ExportSettings, ResolveOptions {
  /** A checkpoint folder, a Hub repo id, or ModelFiles. */
  model: string | ModelFiles;
}

/** Export from weights already in memory (random full-size weights for benchmarks and browser tests). */
export interface ExportWeightsOptions extends ExportSettings {
  /** config.json's bytes (copied as they are). */
  configJson: Uint8Array;
  /** A state_dict in HF names (matched like a checkpoint; missing parameters are refused). */
  weights: ReadonlyMap<string, Tensor>;
}

/** What every export takes. */
export interface ExportSettings {
  /** Output folder; created; must be empty or absent. */
  out: string;
  /** default 'fp32'. */
  dtype?: WeightDType;
  /** default both. */
  towers?: readonly ExportTower[];
  /** 'cpu' (default: onnx-node, onnx-web wasm) or 'webgpu' (fp16: float32 Gather tables; q4: float tables; int8 refused). */
  target?: 'cpu' | 'webgpu';
  /** int8's activation rounding (default 'per-tensor'); a backend loading the folder must use the same. */
  int8Activations?: Int8Activations;
  /** q4 with per-block zero points (default false). */
  q4ZeroPoints?: boolean;
  /** Also write the graphs that output every hidden state and attention map (default true; they share the weights file). */
  allOutputs?: boolean;
  /** Measure parity at export (default true); costs a float64 reference pass — turn off for full-size models. */
  parity?: boolean;
  /** Progress messages. */
  onLog?: (message: string) => void;
}

export interface ExportResult {
  readonly out: string;
  readonly manifest: ExportManifest;
}

/** Files a deployment needs besides the graphs, copied byte for byte when the source has them. */
export const COPIED_FILES = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'tokenizer_config.json', 'special_tokens_map.json', 'sentencepiece.bpe.model', 'added_tokens.json'] as const;

const ATTENTION = 'standard' as const;

function sha256File(path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash('sha256');
    createReadStream(path)
      .on('data', (chunk) => hash.update(chunk))
      .on('error', reject)
      .on('end', () => resolve(hash.digest('hex')));
  });
}

/**
 * The all-outputs graph reads the same weights file: every externally stored initializer of it
 * must be one of the base graph's, with the same size (its extra constants are small and inline).
 */
function sharedPlan(full: GraphBuilder, base: ExternalDataPlan, baseGraph: GraphBuilder): ExternalDataPlan {
  const sizes = new Map(baseGraph.initializers.map((i) => [i.name, i.byteLength]));
  const offsets = new Map<string, number>();
  for (const init of full.initializers) {
    const offset = base.offsets.get(init.name);
    if (offset !== undefined && sizes.get(init.name) === init.byteLength) offsets.set(init.name, offset);
    else if (init.byteLength >= 1024 * 1024) throw new ExportError(`internal: the all-outputs graph has a ${init.byteLength}-byte initializer '${init.name}' the base graph lacks`);
  }
  return { location: base.location, offsets, totalBytes: base.totalBytes };
}

/**
 * `altclip export`: a self-contained deployable folder — both tower graphs under `onnx/` with their
 * weights in external-data files (ORT opens them by path, by URL, or as buffers; no 2 GiB protobuf
 * limit), config.json, the tokenizer and preprocessor files, `altclip_extras.safetensors` (logit scale,
 * vision position table) and `altclip_export.json` (files with sizes and sha256, dtype, graph format,
 * opset, input/output names, parity measured at export). Loading it builds nothing and needs no
 * checkpoint: `AltCLIPModel.fromPretrained(out, { backend })`. Same input, same bytes: nothing
 * time- or machine-dependent is written.
 */
export async function exportModel(options: ExportOptions): Promise<ExportResult> {
  prepareOut(options.out);
  const files = await resolveModelFiles(options.model, options);
  if (await files.open(EXPORT_MANIFEST_FILE)) throw new ExportError(`model: ${files.name} is already an exported folder; export from the original checkpoint`);
  const configBytes = await readFileBytes(files, 'config.json');
  if (!configBytes) throw new ExportError(`model: ${files.name} has no config.json`);
  const config = parseConfig(configBytes, files.name);
  options.onLog?.(`reading ${files.name}`);
  const towers = towerList(options.towers);
  const keep = (name: string) => !((towers.length === 1 && towers[0] === 'text' && name.startsWith('vision_model.')) || (towers.length === 1 && towers[0] === 'vision' && name.startsWith('text_model.')));
  const checkpoint = await loadCheckpoint(files, { ...options, filter: keep });
  return writeExport(options, config, checkpoint.tensors, `${files.name}/${checkpoint.file}`, async (out) => {
    for (const name of COPIED_FILES) {
      const bytes = await readFileBytes(files, name);
      if (bytes) writeFileSync(join(out, name), bytes);
    }
  });
}

/** `exportModel` for a state_dict in memory; only config.json is written besides the export's own files. */
export async function exportWeights(options: ExportWeightsOptions): Promise<ExportResult> {
  prepareOut(options.out);
  const config = parseConfig(options.configJson, 'configJson');
  return writeExport(options, config, options.weights, 'the given weights', async (out) => writeFileSync(join(out, 'config.json'), options.configJson));
}

function prepareOut(out: string): void {
  mkdirSync(out, { recursive: true });
  if (readdirSync(out).length > 0) throw new ExportError(`out: ${out} is not empty; export into a new or empty folder`);
}

function parseConfig(bytes: Uint8Array, where: string): AltCLIPConfig {
  try {
    return AltCLIPConfig.fromDict(JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>);
  } catch (error) {
    throw new ExportError(`${where}/config.json: ${(error as Error).message}`);
  }
}

function towerList(given: readonly ExportTower[] | undefined): ExportTower[] {
  const towers = [...new Set(given ?? ['text', 'vision'])].sort() as ExportTower[];
  if (towers.length === 0 || towers.some((t) => t !== 'text' && t !== 'vision')) throw new ExportError(`towers: expected 'text' and/or 'vision', got ${JSON.stringify(given)}`);
  return towers;
}

async function writeExport(options: ExportSettings, config: AltCLIPConfig, stateDict: ReadonlyMap<string, Tensor>, source: string, copyFiles: (out: string) => Promise<void>): Promise<ExportResult> {
  const log = options.onLog ?? (() => {});
  const dtype = options.dtype ?? 'fp32';
  const towers = towerList(options.towers);
  const target = options.target ?? 'cpu';
  if (target !== 'cpu' && target !== 'webgpu') throw new ExportError(`target: expected 'cpu' or 'webgpu', got ${String(target)}`);
  const backend = createOnnxNodeBackend({
    cacheDir: false,
    int8Activations: options.int8Activations,
    q4ZeroPoints: options.q4ZeroPoints,
    // Building for WebGPU picks the graph variants its EP needs (the graph is not run here).
    sessionOptions: target === 'webgpu' ? { executionProviders: ['webgpu'] } : { intraOpNumThreads: 1 },
  });
  if (!backend.capabilities.dtypes.includes(dtype)) throw new ExportError(`dtype: '${dtype}' cannot be exported for target '${target}' (offered: ${backend.capabilities.dtypes.join(', ')})`);
  let variant: Omit<TowerBuildOptions, 'allOutputs'>;
  try {
    variant = backend.graphSettings({ dtype }).build;
  } catch (error) {
    throw new ExportError(`dtype '${dtype}', target '${target}': ${(error as Error).message}`);
  }
  const build = { ...variant, attention: ATTENTION, compute: 'float32' as const };

  const { weights, report } = matchStateDict('AltCLIPModel', modelParameterSpecs(config), stateDict, 'full');
  const needed = report.missingKeys.filter((k) => k === 'logit_scale' || towers.some((t) => k.startsWith(t === 'text' ? 'text_' : 'vision_') || k === (t === 'text' ? 'text_projection.weight' : 'visual_projection.weight')));
  if (needed.length > 0) throw new ExportError(`model: ${source} lacks ${needed.length} parameters of the exported towers (first: ${needed.slice(0, 3).join(', ')}); an export never initialises weights`);

  const onnxDir = join(options.out, 'onnx');
  mkdirSync(onnxDir);
  const towerEntries: Partial<Record<ExportTower, ExportedTowerEntry>> = {};
  for (const tower of towers) {
    log(`building ${tower} tower (${dtype})`);
    const tw = towerWeights(weights, tower);
    const make = (allOutputs: boolean): GraphBuilder => {
      const b: TowerBuildOptions = { ...build, allOutputs };
      if (tower === 'text') return buildTextTowerGraph(pick(config.text_config, TEXT_FIELDS, 'text config') as unknown as TextGraphConfig, new WeightReader('text', tw), b);
      return buildVisionTowerGraph(pick(config.vision_config, VISION_FIELDS, 'vision config') as unknown as VisionGraphConfig, new WeightReader('vision', tw), b);
    };
    const graphFile = `${tower}_model.onnx`;
    const dataFile = `${tower}_model.onnx.data`;
    const metadata = { 'altclip:tower': tower, 'altclip:dtype': dtype };
    const g = make(false);
    const plan = planExternalData(g, dataFile);
    writeExternalDataFile(g, plan, join(onnxDir, dataFile));
    writeFileSync(join(onnxDir, graphFile), serializeModel(g, plan, metadata));
    const entry: { -readonly [K in keyof ExportedTowerEntry]: ExportedTowerEntry[K] } = {
      graph: `onnx/${graphFile}`,
      externalData: [`onnx/${dataFile}`],
      inputs: g.inputs.map((v) => v.name),
      outputs: g.outputs.map((v) => v.name),
    };
    if (options.allOutputs !== false) {
      const full = make(true);
      const fullFile = `${tower}_model_all_outputs.onnx`;
      writeFileSync(join(onnxDir, fullFile), serializeModel(full, sharedPlan(full, plan, g), { ...metadata, 'altclip:variant': 'all-outputs' }));
      entry.allOutputsGraph = `onnx/${fullFile}`;
    }
    towerEntries[tower] = entry;
  }

  const extras = new Map<string, Tensor>([['logit_scale', weights.get('logit_scale')!]]);
  if (towers.includes('vision')) extras.set('vision_model.embeddings.position_embedding.weight', weights.get('vision_model.embeddings.position_embedding.weight')!);
  writeFileSync(join(options.out, EXPORT_EXTRAS_FILE), writeSafetensors(extras));
  await copyFiles(options.out);

  const listFiles = async (): Promise<ExportedFileEntry[]> => {
    const paths = [...readdirSync(options.out).filter((f) => f !== 'onnx'), ...readdirSync(onnxDir).map((f) => `onnx/${f}`)].filter((p) => p !== EXPORT_MANIFEST_FILE).sort();
    const out: ExportedFileEntry[] = [];
    for (const path of paths) {
      const full = join(options.out, path);
      out.push({ path, size: statSync(full).size, sha256: await sha256File(full) });
    }
    return out;
  };
  const base = {
    format: 'altclip-export' as const,
    version: EXPORT_MANIFEST_VERSION,
    artifact: ONNX_ARTIFACT_FORMAT,
    dtype,
    towers: towerEntries,
    backend: {
      producer: '@altclip/backend-onnx',
      graphFormatVersion: GRAPH_FORMAT_VERSION,
      opset: OPSET_VERSION,
      irVersion: IR_VERSION,
      target,
      build,
      ...(dtype === 'int8' ? { int8: backend.capabilities.int8 } : dtype === 'q4' ? { q4: backend.capabilities.q4 } : {}),
    },
  };
  // The manifest is written before the parity check too: the check loads the folder as a user would.
  const write = (manifest: ExportManifest) => writeFileSync(join(options.out, EXPORT_MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  let manifest: ExportManifest = { ...base, files: await listFiles() };
  write(manifest);
  let parity: ExportParity | { check: string } = { check: 'not measured (parity: false)' };
  if (options.parity !== false && towers.length === 2 && target === 'cpu') {
    log('measuring parity against the float64 reference');
    const checkBackend = createOnnxNodeBackend({ cacheDir: false, int8Activations: options.int8Activations, q4ZeroPoints: options.q4ZeroPoints, sessionOptions: { intraOpNumThreads: 1 } });
    parity = await exportParity(await resolveModelFiles(options.out), config, weights, checkBackend);
  } else if (options.parity !== false) {
    parity = { check: `not measured: needs both towers and target 'cpu' (onnx-node runs the check)` };
  }
  manifest = { ...manifest, parity };
  write(manifest);
  log(`wrote ${options.out}`);
  return { out: options.out, manifest };
}
