import type { AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import {
  type AltCLIPBackend,
  BACKEND_SPECIFICATION_VERSION,
  type BackendCapabilities,
  type BackendEnvironment,
  Tensor,
  type TextTower,
  type TowerArtifact,
  type TowerLoadOptions,
  type TowerWeights,
  type VisionTower,
  type WeightDType,
} from '@altclip/core';
import type { AttentionImplementation, TowerBuildOptions } from '../graph/TowerBuildOptions.js';
import { buildTextTowerGraph, type TextGraphConfig } from '../graph/textTowerGraph.js';
import { pick, TEXT_FIELDS, VISION_FIELDS } from '../graph/towerGraphConfig.js';
import { buildVisionTowerGraph, type VisionGraphConfig } from '../graph/visionTowerGraph.js';
import { int8Scheme } from '../quantize/int8Scheme.js';
import { q4Scheme } from '../quantize/q4Scheme.js';
import { OnnxTextTower } from '../runtime/OnnxTextTower.js';
import { OnnxVisionTower } from '../runtime/OnnxVisionTower.js';
import type { OrtModule, OrtSessionOptions } from '../runtime/OrtModule.js';
import { RunQueue } from '../runtime/RunQueue.js';
import { SessionPair } from '../runtime/SessionPair.js';
import { tensorToFloat32 } from '../weights/tensorToFloat32.js';
import { WeightReader } from '../weights/WeightReader.js';
import type { GraphSessionFactory } from './GraphSessionFactory.js';
import { usesWebgpu, WEBGPU_INT8_REASON } from './int8Support.js';
import { OnnxBackendError } from './OnnxBackendError.js';
import type { OnnxBackendOptions } from './OnnxBackendOptions.js';
import { WasmMemoryError } from './WasmMemoryError.js';

const DTYPES: readonly WeightDType[] = ['fp32', 'fp16', 'int8', 'q4'];
/** The exported-artifact format this backend writes (`exportModel`) and opens: graph layout version 1. */
export const ONNX_ARTIFACT_FORMAT = 'onnx/1';

/** AltCLIP towers on ONNX Runtime; the runtime-specific parts live in the factory. */
export class OnnxBackend implements AltCLIPBackend {
  readonly specificationVersion = BACKEND_SPECIFICATION_VERSION;
  readonly name: string;
  readonly capabilities: BackendCapabilities;
  private readonly options: OnnxBackendOptions;
  private readonly importOrt: () => Promise<OrtModule>;
  private readonly factory: GraphSessionFactory;
  private ort?: Promise<OrtModule>;
  /** Weight bytes of exported towers loaded on the wasm EP so far (they share one wasm heap). */
  private wasmBytes = 0;
  /** One queue for every session this backend opens: runs never overlap (see RunQueue). */
  readonly #runs = new RunQueue();

  constructor(name: string, environments: readonly BackendEnvironment[], importOrt: () => Promise<OrtModule>, factory: GraphSessionFactory, options: OnnxBackendOptions = {}) {
    this.name = name;
    if (options.int8Activations !== undefined && options.int8Activations !== 'per-tensor' && options.int8Activations !== 'per-row') {
      throw new OnnxBackendError(`options.int8Activations: expected 'per-tensor' or 'per-row', got ${String(options.int8Activations)}`);
    }
    const webgpu = usesWebgpu(options.sessionOptions);
    const q4 = q4Scheme(options.q4ZeroPoints === true, webgpu);
    const artifacts = [ONNX_ARTIFACT_FORMAT];
    this.capabilities = webgpu
      ? { dtypes: DTYPES.filter((d) => d !== 'int8'), precision: 'float32', hiddenStates: true, attentions: true, environments, q4, artifacts }
      : { dtypes: DTYPES, precision: 'float32', hiddenStates: true, attentions: true, environments, int8: int8Scheme(options.int8Activations), q4, artifacts };
    this.options = options;
    this.importOrt = options.ort ? async () => options.ort as OrtModule : importOrt;
    this.factory = factory;
  }

  async init(): Promise<void> {
    await this.runtime();
  }

  private runtime(): Promise<OrtModule> {
    this.ort ??= this.importOrt();
    return this.ort;
  }

  /** The graph variant and session options a load with `options` uses (also what `exportModel` builds). */
  graphSettings(options: TowerLoadOptions): { build: Omit<TowerBuildOptions, 'allOutputs'>; sessionOptions: OrtSessionOptions } {
    const dtype = options.dtype ?? 'fp32';
    if (!DTYPES.includes(dtype)) throw new OnnxBackendError(`options.dtype: expected one of ${DTYPES.join(', ')}, got ${String(dtype)}`);
    const attention = (options.attention as AttentionImplementation | undefined) ?? this.options.attention ?? 'standard';
    if (attention !== 'standard' && attention !== 'contrib' && attention !== 'fused') {
      throw new OnnxBackendError(`options.attention: expected 'standard', 'contrib' or 'fused', got ${String(attention)}`);
    }
    const compute = (options.compute as 'float32' | 'float16' | undefined) ?? this.options.compute ?? 'float32';
    if (compute !== 'float32' && compute !== 'float16') throw new OnnxBackendError(`options.compute: expected 'float32' or 'float16', got ${String(compute)}`);
    if (compute === 'float16' && dtype !== 'fp16') throw new OnnxBackendError(`options.compute 'float16' needs dtype 'fp16', got dtype '${dtype}'`);
    const sessionOptions = { ...this.options.sessionOptions, ...(options.sessionOptions as OrtSessionOptions | undefined) };
    if (dtype === 'int8' && usesWebgpu(sessionOptions)) throw new OnnxBackendError(`options.dtype: ${WEBGPU_INT8_REASON}`);
    // Variant options only where they change the graph, so that other graph-cache keys stay put:
    // int8's activation rounding, and fp16's Gather workaround for the WebGPU EP (TowerBuildOptions).
    const webgpu = usesWebgpu(sessionOptions);
    const variant =
      dtype === 'int8'
        ? { int8Activations: this.options.int8Activations ?? 'per-tensor' }
        : dtype === 'q4'
          ? { q4ZeroPoints: this.options.q4ZeroPoints === true, ...(webgpu ? { q4FloatTables: true } : {}) }
          : dtype === 'fp16' && webgpu
            ? { gatherTablesAsFloat32: true }
            : {};
    return { build: { dtype, attention, compute, ...variant }, sessionOptions };
  }

  async loadTextTower(config: AltCLIPTextConfig, weights: TowerWeights, options: TowerLoadOptions = {}): Promise<TextTower> {
    const ort = await this.runtime();
    const { build: variant, sessionOptions } = this.graphSettings(options);
    const layers = (config as unknown as TextGraphConfig).num_hidden_layers;
    let sessions: SessionPair;
    const external = this.options.textModel;
    if (external) {
      sessions = new SessionPair(() => this.factory.openExternal(ort, external, sessionOptions), undefined, this.#runs);
    } else {
      const graphConfig = pick(config, TEXT_FIELDS, 'text config') as unknown as TextGraphConfig;
      const reader = new WeightReader('text', weights);
      const open = (allOutputs: boolean) => {
        const build: TowerBuildOptions = { ...variant, allOutputs };
        return this.factory.open(ort, { tower: 'text', description: { config: graphConfig, build }, hashParts: () => reader.hashParts(), build: () => buildTextTowerGraph(graphConfig, reader, build) }, sessionOptions);
      };
      sessions = new SessionPair(() => open(false), () => open(true), this.#runs);
    }
    // Open now so that missing weights and runtime errors surface at load time.
    await sessions.session(false);
    return new OnnxTextTower(ort, sessions, layers);
  }

  async loadVisionTower(config: AltCLIPVisionConfig, weights: TowerWeights, options: TowerLoadOptions = {}): Promise<VisionTower> {
    const ort = await this.runtime();
    const { build: variant, sessionOptions } = this.graphSettings(options);
    const layers = (config as unknown as VisionGraphConfig).num_hidden_layers;
    const positionEmbedding = weights.get('embeddings.position_embedding.weight');
    let sessions: SessionPair;
    const external = this.options.visionModel;
    if (external) {
      sessions = new SessionPair(() => this.factory.openExternal(ort, external, sessionOptions), undefined, this.#runs);
    } else {
      const graphConfig = pick(config, VISION_FIELDS, 'vision config') as unknown as VisionGraphConfig;
      const reader = new WeightReader('vision', weights);
      // The table is fed as an input, not built into the graph; check it here all the same.
      reader.tensor('embeddings.position_embedding.weight', [positionEmbedding?.dims[0] ?? 0, graphConfig.hidden_size]);
      const open = (allOutputs: boolean) => {
        const build: TowerBuildOptions = { ...variant, allOutputs };
        return this.factory.open(ort, { tower: 'vision', description: { config: graphConfig, build }, hashParts: () => reader.hashParts(), build: () => buildVisionTowerGraph(graphConfig, reader, build) }, sessionOptions);
      };
      sessions = new SessionPair(() => open(false), () => open(true), this.#runs);
    }
    await sessions.session(false);
    return new OnnxVisionTower(ort, sessions, layers, positionEmbedding ? new Tensor('float32', tensorToFloat32(positionEmbedding, 'vision weights: "embeddings.position_embedding.weight"'), positionEmbedding.dims) : undefined);
  }

  /** Checks that an exported tower is this backend's format and was built the way `capabilities` declares. */
  private exportedSettings(artifact: TowerArtifact, options: TowerLoadOptions): OrtSessionOptions {
    if (artifact.format !== ONNX_ARTIFACT_FORMAT) throw new OnnxBackendError(`exported ${artifact.tower} tower: format '${artifact.format}', this backend opens '${ONNX_ARTIFACT_FORMAT}'`);
    const { build, sessionOptions } = this.graphSettings({ ...options, dtype: artifact.dtype });
    const info = artifact.backendInfo;
    // The exported graph's rounding must be what capabilities declare, or parity bounds and embeddings would silently differ.
    const want: Record<string, unknown> = { dtype: build.dtype, int8Activations: build.int8Activations, q4ZeroPoints: build.q4ZeroPoints, q4FloatTables: build.q4FloatTables, gatherTablesAsFloat32: build.gatherTablesAsFloat32 };
    const hint: Record<string, string> = {
      int8Activations: "pass the backend option int8Activations the export used (or export again with --int8-activations)",
      q4ZeroPoints: 'pass the backend option q4ZeroPoints the export used (or export again with/without --q4-zero-points)',
      q4FloatTables: "q4 on the 'webgpu' execution provider needs float embedding tables: export with --target webgpu",
      gatherTablesAsFloat32: "fp16 on the 'webgpu' execution provider needs float32 Gather tables: export with --target webgpu",
    };
    const built = (info.build ?? {}) as Record<string, unknown>;
    // Absent and false mean the same (the default) for the variant flags.
    const norm = (v: unknown) => (v === false || v === null ? undefined : v);
    for (const [key, value] of Object.entries(want)) {
      if (norm(built[key]) !== norm(value)) {
        throw new OnnxBackendError(`exported ${artifact.tower} tower (${artifact.files.name}) was built with ${key} = ${JSON.stringify(built[key])}, this backend and session options need ${JSON.stringify(value)}: ${hint[key] ?? 'export again with matching options'}`);
      }
    }
    if (artifact.dtype === 'q4') {
      // Graph format 3 changed q4's text tables from int8 rows to 4-bit blocks (--target webgpu: still float32):
      // the declared scheme says which.
      const sorted = (o: unknown) => JSON.stringify(Object.entries((o ?? {}) as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : 1)));
      const want = q4Scheme(build.q4ZeroPoints === true, build.q4FloatTables === true);
      if (sorted(info.q4) !== sorted(want)) {
        throw new OnnxBackendError(`exported ${artifact.tower} tower (${artifact.files.name}) declares q4 scheme ${JSON.stringify(info.q4)} (graph format ${String(info.graphFormatVersion)}), this backend computes ${JSON.stringify(want)}: export the folder again with this version`);
      }
    }
    this.reserveWasmMemory(artifact, build.compute ?? 'float32', sessionOptions);
    return sessionOptions;
  }

  /**
   * onnx-web's wasm EP keeps every weight in one 4 GiB heap (wasm32), shared by both towers: refuse up
   * front what cannot fit — ORT would fail deep inside with std::bad_alloc. fp16 with float32 compute
   * counts double: ORT folds the weight Casts at session creation, so the weights are float32 in memory.
   */
  private reserveWasmMemory(artifact: TowerArtifact, compute: 'float32' | 'float16', sessionOptions: OrtSessionOptions): void {
    if (this.name !== 'onnx-web' || usesWebgpu(sessionOptions)) return;
    const limit = this.options.wasmMemoryLimit ?? 3 * 1024 ** 3;
    const bytes = artifact.dtype === 'fp16' && compute === 'float32' ? 2 * artifact.byteSize : artifact.byteSize;
    if (this.wasmBytes + bytes > limit) {
      const gib = (n: number) => `${(n / 1024 ** 3).toFixed(2)} GiB`;
      const use = artifact.dtype === 'q4' ? "the 'webgpu' execution provider, or one tower per backend" : artifact.dtype === 'int8' ? "dtype 'q4'" : "dtype 'int8' or 'q4' (export with --dtype q4), or the 'webgpu' execution provider";
      throw new WasmMemoryError(
        `exported ${artifact.tower} tower (${artifact.files.name}, ${artifact.dtype}) needs ≈ ${gib(bytes)} of wasm memory${this.wasmBytes ? ` beside ${gib(this.wasmBytes)} already loaded` : ''}; the wasm EP's heap allows ${gib(limit)} of weights (wasm32: 4 GiB in all): use ${use}`,
      );
    }
    this.wasmBytes += bytes;
  }

  async loadExportedTextTower(config: AltCLIPTextConfig, artifact: TowerArtifact, options: TowerLoadOptions = {}): Promise<TextTower> {
    const ort = await this.runtime();
    const sessionOptions = this.exportedSettings(artifact, options);
    const layers = (pick(config, TEXT_FIELDS, 'text config') as unknown as TextGraphConfig).num_hidden_layers;
    const all = artifact.allOutputsGraph;
    const sessions = new SessionPair(() => this.factory.openArtifact(ort, artifact, artifact.graph, sessionOptions), all ? () => this.factory.openArtifact(ort, artifact, all, sessionOptions) : undefined, this.#runs);
    await sessions.session(false);
    return new OnnxTextTower(ort, sessions, layers);
  }

  async loadExportedVisionTower(config: AltCLIPVisionConfig, artifact: TowerArtifact, options: TowerLoadOptions = {}): Promise<VisionTower> {
    const ort = await this.runtime();
    const sessionOptions = this.exportedSettings(artifact, options);
    const layers = (pick(config, VISION_FIELDS, 'vision config') as unknown as VisionGraphConfig).num_hidden_layers;
    const table = artifact.weights.get('embeddings.position_embedding.weight');
    if (!table) throw new OnnxBackendError(`exported vision tower (${artifact.files.name}): core passed no "embeddings.position_embedding.weight"`);
    const all = artifact.allOutputsGraph;
    const sessions = new SessionPair(() => this.factory.openArtifact(ort, artifact, artifact.graph, sessionOptions), all ? () => this.factory.openArtifact(ort, artifact, all, sessionOptions) : undefined, this.#runs);
    await sessions.session(false);
    return new OnnxVisionTower(ort, sessions, layers, new Tensor('float32', tensorToFloat32(table, 'vision: "embeddings.position_embedding.weight"'), table.dims));
  }
}
