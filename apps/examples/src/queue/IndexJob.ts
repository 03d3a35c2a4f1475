import type { FailedImage } from '../pipeline/embedImageFiles.js';
import type { FetchLimits } from '../sources/fetchImage.js';
import type { ImageRecord } from '../store/VectorStore.js';

/** The one queue `index --queue` fills and `altclip worker` drains; keys beside it hold the run's header. */
export const QUEUE_NAME = 'altclip-index';
/** Hash: modelId, dtype, dim, folder, lockMs of the run in progress. */
export const META_KEY = `${QUEUE_NAME}:meta`;
/** List of JSON `{path, reason, at}`: images no worker could embed. */
export const DEAD_LETTER_KEY = `${QUEUE_NAME}:dead`;

export interface IndexJobData {
  /** Absolute image folder; every worker must see it at this path (a shared or identical mount). Empty for URL runs. */
  folder: string;
  /** Paths relative to `folder`, or http(s) URLs. */
  paths: string[];
  modelId: string;
  dtype: string;
  /** Time and size limits for URLs (absent: the defaults). */
  limits?: FetchLimits;
}

/** Vectors travel as base64 float32 (exact, and a third of JSON numbers' size). */
export interface WireRecord extends Omit<ImageRecord, 'vector'> {
  vector: string;
}

export interface IndexJobResult {
  /** Vectors for the coordinator to write (empty when the worker wrote them itself). */
  records: WireRecord[];
  /** Paths a worker with `--store` wrote into the shared store itself. */
  stored?: string[];
  failed: FailedImage[];
  worker: string;
}

export function toWire(r: ImageRecord): WireRecord {
  return { ...r, vector: Buffer.from(r.vector.buffer, r.vector.byteOffset, r.vector.byteLength).toString('base64') };
}

export function fromWire(r: WireRecord): ImageRecord {
  const bytes = Buffer.from(r.vector, 'base64');
  return { ...r, vector: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)) };
}
