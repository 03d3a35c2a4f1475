import { existsSync, readFileSync } from 'node:fs';
import { exportModel, GRAPH_FORMAT_VERSION } from '@altclip/backend-onnx/node';
import type { WeightDType } from '@altclip/core';

/** Where `altclip bench --export <dtype>` keeps the folder it exports from `checkpoint`: a sibling, reused across runs. */
export function benchExportDir(checkpoint: string, dtype: WeightDType): string {
  return `${checkpoint.replace(/[\\/]+$/, '')}-export-${dtype}`;
}

/**
 * Exports `checkpoint` at each dtype (as `altclip export --no-parity` does, int8 with per-row activations like the
 * CLI) unless a folder of the current graph format is already there, so that a plain `pnpm bench` measures the
 * exported-folder rows without a separate export step. A folder of an older graph format is written again: the
 * backend refuses it, and a stale folder would measure last version's layout.
 */
export async function exportBenchFolders(
  checkpoint: string,
  dtypes: readonly WeightDType[],
  progress: (message: string) => void,
): Promise<string[]> {
  const dirs: string[] = [];
  for (const dtype of dtypes) {
    const out = benchExportDir(checkpoint, dtype);
    if (currentFormat(out)) {
      progress(`${out}: exported folder present (graph format ${GRAPH_FORMAT_VERSION}), reused`);
    } else {
      progress(`exporting ${checkpoint} as ${dtype} into ${out}`);
      const start = performance.now();
      await exportModel({ model: checkpoint, out, dtype, int8Activations: 'per-row', parity: false });
      progress(`${out}: exported in ${((performance.now() - start) / 1000).toFixed(0)} s`);
    }
    dirs.push(out);
  }
  return dirs;
}

function currentFormat(dir: string): boolean {
  const manifest = `${dir}/altclip_export.json`;
  if (!existsSync(manifest)) return false;
  try {
    return JSON.parse(readFileSync(manifest, 'utf8')).backend?.graphFormatVersion === GRAPH_FORMAT_VERSION;
  } catch {
    return false;
  }
}
