import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TowerArtifact } from '@altclip/core';
import type { ExternalModel, GraphRequest, GraphSessionFactory } from '../backend/GraphSessionFactory.js';
import { InMemorySessionFactory } from '../backend/InMemorySessionFactory.js';
import { openArtifactGraph } from '../backend/openArtifactGraph.js';
import { openExternalModel } from '../backend/openExternalModel.js';
import type { OrtModule, OrtSession, OrtSessionOptions } from '../runtime/OrtModule.js';
import { planExternalData } from '../serialize/ExternalDataPlan.js';
import { serializeModel } from '../serialize/serializeModel.js';
import { graphCacheKey } from './graphCacheKey.js';
import { writeExternalDataFile } from './writeExternalDataFile.js';

export const MODEL_FILE = 'model.onnx';
export const DATA_FILE = 'model.onnx.data';

/** `$ALTCLIP_CACHE/onnx`, else `$XDG_CACHE_HOME/altclip/onnx`, else `~/.cache/altclip/onnx`. */
export function defaultCacheDir(): string {
  if (process.env.ALTCLIP_CACHE) return join(process.env.ALTCLIP_CACHE, 'onnx');
  return join(process.env.XDG_CACHE_HOME ?? join(homedir(), '.cache'), 'altclip', 'onnx');
}

export interface FileCacheOptions {
  /** Directory of built graphs; `false` disables the cache (large models then go through a temporary directory). */
  cacheDir?: string | false;
  /** Identity of the weights, used instead of hashing them (saves a few seconds per GB). */
  weightsKey?: string;
}

/**
 * Writes each built graph as `<cacheDir>/<tower>-<key>/model.onnx` + `model.onnx.data`
 * and opens it by path, so that ORT reads the weights from disk (no 2 GiB protobuf
 * limit, no second in-memory copy) and a later load with the same weights and options
 * skips building. Files are written under temporary names and renamed, the model
 * last, so a half-written entry is never picked up.
 */
export class FileCacheSessionFactory implements GraphSessionFactory {
  private readonly cacheDir: string | false;
  private readonly weightsKey?: string;
  private readonly inMemory = new InMemorySessionFactory(Number.POSITIVE_INFINITY);

  constructor(options: FileCacheOptions = {}) {
    this.cacheDir = options.cacheDir === undefined ? defaultCacheDir() : options.cacheDir;
    this.weightsKey = options.weightsKey;
  }

  async open(ort: OrtModule, request: GraphRequest, sessionOptions: OrtSessionOptions): Promise<OrtSession> {
    if (this.cacheDir === false) {
      const dir = join(tmpdir(), `altclip-onnx-${randomBytes(6).toString('hex')}`);
      try {
        const g = request.build();
        if (g.initializerBytes < 1024 * 1024 * 1024) return await this.inMemory.open(ort, { ...request, build: () => g }, sessionOptions);
        return await ort.InferenceSession.create(this.write(dir, request), sessionOptions);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    const key = graphCacheKey(request, this.weightsKey);
    const dir = join(this.cacheDir, `${request.tower}-${key.slice(0, 32)}`);
    const modelPath = join(dir, MODEL_FILE);
    if (!existsSync(modelPath)) this.write(dir, request, key);
    return ort.InferenceSession.create(modelPath, sessionOptions);
  }

  openExternal(ort: OrtModule, model: ExternalModel, sessionOptions: OrtSessionOptions): Promise<OrtSession> {
    return openExternalModel(ort, model, sessionOptions);
  }

  /** By path where the files are on disk: ORT then reads the weights from the file, not from JavaScript. */
  openArtifact(ort: OrtModule, artifact: TowerArtifact, graph: string, sessionOptions: OrtSessionOptions): Promise<OrtSession> {
    return openArtifactGraph(ort, artifact, graph, sessionOptions, true);
  }

  /** Builds the graph and writes model + data files into `dir`; returns the model path. */
  private write(dir: string, request: GraphRequest, key = ''): string {
    mkdirSync(dir, { recursive: true });
    const g = request.build();
    const suffix = `.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    const plan = planExternalData(g, DATA_FILE);
    writeExternalDataFile(g, plan, join(dir, DATA_FILE), join(dir, DATA_FILE + suffix));
    const modelPath = join(dir, MODEL_FILE);
    writeFileSync(modelPath + suffix, serializeModel(g, plan, { 'altclip:cache_key': key, 'altclip:tower': request.tower }));
    renameSync(modelPath + suffix, modelPath);
    return modelPath;
  }
}
