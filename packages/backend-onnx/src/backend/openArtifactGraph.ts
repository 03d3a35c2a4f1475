import { readFileBytes, type TowerArtifact } from '@altclip/core';
import type { OrtModule, OrtSession, OrtSessionOptions } from '../runtime/OrtModule.js';
import { OnnxBackendError } from './OnnxBackendError.js';

/** `onnx/text_model.onnx.data` as the graph `onnx/text_model.onnx` names it: relative to the graph's folder. */
function relativeToGraph(graph: string, file: string): string {
  const dir = graph.includes('/') ? graph.slice(0, graph.lastIndexOf('/') + 1) : '';
  if (!file.startsWith(dir)) throw new OnnxBackendError(`exported tower: external data file '${file}' is not in the folder of its graph '${graph}'`);
  return file.slice(dir.length);
}

/**
 * Opens one graph of an exported tower. With `localPaths` (Node) and files on disk (a directory, a Hub
 * cache snapshot) ORT gets the path and reads the external data itself, straight from disk — no copy of
 * the weights passes through JavaScript. Otherwise (browsers, URLs) the bytes are read through the
 * ModelFiles (Cache API, download progress) and handed to ORT with the external data as buffers.
 */
export async function openArtifactGraph(ort: OrtModule, artifact: TowerArtifact, graph: string, sessionOptions: OrtSessionOptions, localPaths: boolean): Promise<OrtSession> {
  const { files } = artifact;
  if (localPaths && files.localPath) {
    const path = await files.localPath(graph);
    // Resolving the data files too makes a Hub snapshot download them next to the graph.
    const data = path ? await Promise.all(artifact.externalData.map((f) => files.localPath!(f))) : [];
    if (path && data.every((p) => p !== null)) return ort.InferenceSession.create(path, sessionOptions);
  }
  const model = await readFileBytes(files, graph);
  if (!model) throw new OnnxBackendError(`${files.name}/${graph}: the exported ${artifact.tower} graph is missing`);
  const externalData: { path: string; data: Uint8Array }[] = [];
  for (const file of artifact.externalData) {
    const data = await readFileBytes(files, file);
    if (!data) throw new OnnxBackendError(`${files.name}/${file}: external data of ${graph} is missing`);
    externalData.push({ path: relativeToGraph(graph, file), data });
  }
  return ort.InferenceSession.create(model, externalData.length ? { ...sessionOptions, externalData } : sessionOptions);
}
