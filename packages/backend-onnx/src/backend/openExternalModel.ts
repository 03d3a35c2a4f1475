import type { OrtModule, OrtSession, OrtSessionOptions } from '../runtime/OrtModule.js';
import type { ExternalModel } from './GraphSessionFactory.js';

/** Opens an ONNX file exported elsewhere; ORT resolves paths (Node) or URLs (web) itself. */
export function openExternalModel(ort: OrtModule, model: ExternalModel, sessionOptions: OrtSessionOptions): Promise<OrtSession> {
  if (typeof model === 'string' || model instanceof Uint8Array) return ort.InferenceSession.create(model, sessionOptions);
  const options = model.externalData ? { ...sessionOptions, externalData: model.externalData } : sessionOptions;
  return ort.InferenceSession.create(model.model, options);
}
