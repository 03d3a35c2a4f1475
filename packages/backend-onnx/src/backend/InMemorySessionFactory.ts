import type { OrtModule, OrtSession, OrtSessionOptions } from '../runtime/OrtModule.js';
import { planExternalData, writeExternalData } from '../serialize/ExternalDataPlan.js';
import { serializeModel } from '../serialize/serializeModel.js';
import type { ExternalModel, GraphRequest, GraphSessionFactory } from './GraphSessionFactory.js';
import { openExternalModel } from './openExternalModel.js';
import { openArtifactGraph } from './openArtifactGraph.js';
import type { TowerArtifact } from '@altclip/core';

/** Above this many bytes of weights the model goes out as protobuf + one external-data buffer. */
export const DEFAULT_EXTERNAL_DATA_THRESHOLD = 1024 * 1024 * 1024;

/**
 * Builds graphs in memory and hands ORT the bytes. Models whose weights would
 * not fit a 2 GiB protobuf pass them as an `externalData` buffer, which
 * onnxruntime-web (and -node ≥ 1.17) accept alongside the model bytes.
 */
export class InMemorySessionFactory implements GraphSessionFactory {
  private readonly threshold: number;

  constructor(externalDataThreshold = DEFAULT_EXTERNAL_DATA_THRESHOLD) {
    this.threshold = externalDataThreshold;
  }

  async open(ort: OrtModule, request: GraphRequest, sessionOptions: OrtSessionOptions): Promise<OrtSession> {
    const g = request.build();
    if (g.initializerBytes < this.threshold) return ort.InferenceSession.create(serializeModel(g), sessionOptions);
    const location = `${request.tower}_model.onnx.data`;
    const plan = planExternalData(g, location);
    const data = new Uint8Array(plan.totalBytes);
    writeExternalData(g, plan, (bytes, offset) => data.set(bytes, offset));
    const model = serializeModel(g, plan);
    return ort.InferenceSession.create(model, { ...sessionOptions, externalData: [{ path: location, data }] });
  }

  openExternal(ort: OrtModule, model: ExternalModel, sessionOptions: OrtSessionOptions): Promise<OrtSession> {
    return openExternalModel(ort, model, sessionOptions);
  }

  openArtifact(ort: OrtModule, artifact: TowerArtifact, graph: string, sessionOptions: OrtSessionOptions): Promise<OrtSession> {
    return openArtifactGraph(ort, artifact, graph, sessionOptions, false);
  }
}
