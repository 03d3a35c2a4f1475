import { existsSync } from 'node:fs';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AltCLIPConfig } from '@altclip/config';
import { initializeParameters, modelParameterSpecs, writeSafetensors } from '@altclip/core';

/** True when `dir` already holds a checkpoint this writer (or HF) produced. */
export function hasBenchCheckpoint(dir: string): boolean {
  return existsSync(join(dir, 'config.json')) && existsSync(join(dir, 'model.safetensors'));
}

/**
 * Writes `config` with core's seeded random weights (HF's initialisation scheme, seed 0) as an HF-layout folder —
 * config.json and model.safetensors, metadata `{"format": "pt"}`, float32 — so HF's `from_pretrained` and every
 * backend's `fromPretrained` load the same bytes: the benchmark's load rows then measure a real checkpoint load,
 * not drawing random weights. The weights file is written under a temporary name and renamed, so a run killed
 * half-way leaves no truncated checkpoint that a later run would take as complete.
 */
export async function writeBenchCheckpoint(dir: string, config: AltCLIPConfig, seed = 0): Promise<{ bytes: number; seconds: number }> {
  const start = performance.now();
  await mkdir(dir, { recursive: true });
  const dict = { ...config.toDict(), architectures: ['AltCLIPModel'], torch_dtype: 'float32' };
  await writeFile(join(dir, 'config.json'), `${JSON.stringify(dict, null, 2)}\n`);
  let weights: Map<string, unknown> | null = initializeParameters(modelParameterSpecs(config), seed);
  const bytes = writeSafetensors(weights as never, { format: 'pt' });
  // The tensors are copied into `bytes`: drop them before the write so the peak stays at two copies.
  weights.clear();
  weights = null;
  const partial = join(dir, 'model.safetensors.partial');
  await writeFile(partial, bytes);
  await rename(partial, join(dir, 'model.safetensors'));
  return { bytes: bytes.byteLength, seconds: (performance.now() - start) / 1000 };
}
