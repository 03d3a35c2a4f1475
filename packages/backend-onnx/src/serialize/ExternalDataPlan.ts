import type { GraphBuilder } from '../graph/GraphBuilder.js';

/** Where each externally stored initializer goes in the data file. */
export interface ExternalDataPlan {
  /** File name written into the model, relative to the .onnx file (or the `path` of ORT-web's externalData). */
  readonly location: string;
  readonly offsets: ReadonlyMap<string, number>;
  readonly totalBytes: number;
}

/** ONNX recommends page-aligned offsets so that runtimes can mmap the tensors. */
const ALIGNMENT = 4096;

/**
 * Places every initializer of at least `minBytes` in one external data file. Small
 * ones (shapes, scalars, LayerNorm vectors) stay inline, where they cost nothing.
 */
export function planExternalData(g: GraphBuilder, location: string, minBytes = 1024): ExternalDataPlan {
  const offsets = new Map<string, number>();
  let offset = 0;
  for (const init of g.initializers) {
    if (init.byteLength < minBytes) continue;
    offset = Math.ceil(offset / ALIGNMENT) * ALIGNMENT;
    offsets.set(init.name, offset);
    offset += init.byteLength;
  }
  return { location, offsets, totalBytes: offset };
}

/** Streams the planned initializers' bytes, in file order, to `write(bytes, offset)`. */
export function writeExternalData(g: GraphBuilder, plan: ExternalDataPlan, write: (bytes: Uint8Array, offset: number) => void): void {
  for (const init of g.initializers) {
    const offset = plan.offsets.get(init.name);
    if (offset === undefined) continue;
    write(init.bytes(), offset);
  }
}
