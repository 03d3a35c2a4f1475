// Browser-project global setup: exports the tiny fixture (Node side, before the page starts) into
// <repo>/.cache/exported-fixtures/<name>/ (git-ignored), which the vitest browser server serves, so
// *.browser.test.ts can load exported folders by URL as a deployment would.
import { rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { WeightDType } from '@altclip/core';
import { exportModel } from '../exportModel.js';

export const EXPORTED_FIXTURES: readonly { name: string; dtype: WeightDType; target: 'cpu' | 'webgpu' }[] = [
  { name: 'fp32', dtype: 'fp32', target: 'cpu' },
  { name: 'int8', dtype: 'int8', target: 'cpu' },
  { name: 'q4', dtype: 'q4', target: 'cpu' },
  { name: 'fp16-webgpu', dtype: 'fp16', target: 'webgpu' },
  { name: 'q4-webgpu', dtype: 'q4', target: 'webgpu' },
];

export default async function setup(): Promise<void> {
  const fixture = fileURLToPath(new URL('../../../../../fixtures/altclip-tiny/', import.meta.url));
  const root = fileURLToPath(new URL('../../../../../.cache/exported-fixtures/', import.meta.url));
  rmSync(root, { recursive: true, force: true });
  for (const { name, dtype, target } of EXPORTED_FIXTURES) await exportModel({ model: fixture, out: `${root}${name}`, dtype, target, parity: false });
}
