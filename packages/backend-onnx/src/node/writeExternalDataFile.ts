import { closeSync, openSync, renameSync, writeSync } from 'node:fs';
import type { GraphBuilder } from '../graph/GraphBuilder.js';
import { type ExternalDataPlan, writeExternalData } from '../serialize/ExternalDataPlan.js';

/**
 * Streams the planned initializers of `g` into `path` one tensor at a time, through `tempPath` renamed at the
 * end, so a process killed half-way never leaves a truncated data file under the final name (the graph cache and
 * the export both take an existing file as complete).
 */
export function writeExternalDataFile(g: GraphBuilder, plan: ExternalDataPlan, path: string, tempPath = `${path}.partial`): void {
  const fd = openSync(tempPath, 'w');
  try {
    writeExternalData(g, plan, (bytes, offset) => {
      let written = 0;
      while (written < bytes.byteLength) written += writeSync(fd, bytes, written, bytes.byteLength - written, offset + written);
    });
  } finally {
    closeSync(fd);
  }
  renameSync(tempPath, path);
}
