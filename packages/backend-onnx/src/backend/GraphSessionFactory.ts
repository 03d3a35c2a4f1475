import type { TowerArtifact } from '@altclip/core';
import type { GraphBuilder } from '../graph/GraphBuilder.js';
import type { OrtModule, OrtSession, OrtSessionOptions } from '../runtime/OrtModule.js';

/** A graph to be built, with what identifies it for caching. */
export interface GraphRequest {
  readonly tower: 'text' | 'vision';
  /** Everything except the weights that determines the graph: config fields, build options. */
  readonly description: Readonly<Record<string, unknown>>;
  /** The weights' bytes in a stable order (hashed by caching factories). */
  hashParts(): Iterable<Uint8Array>;
  build(): GraphBuilder;
}

/** An ONNX file exported elsewhere: a path/URL, bytes, or bytes with external data. */
export type ExternalModel =
  | string
  | Uint8Array
  | { readonly model: string | Uint8Array; readonly externalData?: readonly { readonly path: string; readonly data: string | Uint8Array }[] };

/**
 * How a runtime turns graphs into sessions: Node writes files (cache, external data
 * from disk), the web keeps everything in memory.
 */
export interface GraphSessionFactory {
  open(ort: OrtModule, request: GraphRequest, sessionOptions: OrtSessionOptions): Promise<OrtSession>;
  openExternal(ort: OrtModule, model: ExternalModel, sessionOptions: OrtSessionOptions): Promise<OrtSession>;
  /** One graph (`graph`: the artifact's graph or its all-outputs graph) of an exported tower. */
  openArtifact(ort: OrtModule, artifact: TowerArtifact, graph: string, sessionOptions: OrtSessionOptions): Promise<OrtSession>;
}
