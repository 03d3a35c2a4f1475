import { describe, expect, it } from 'vitest';
import type { BuildContext } from '../graph/BuildContext.js';
import { GraphBuilder } from '../graph/GraphBuilder.js';
import { int4Embedding } from '../graph/int4Embedding.js';
import { defaultBuildOptions } from '../graph/TowerBuildOptions.js';
import { OnnxDataType } from '../proto/OnnxDataType.js';
import { dequantizeInt4Blocks, quantizeInt4Blocks } from '../quantize/quantizeInt4Blocks.js';
import { serializeModel } from '../serialize/serializeModel.js';
import type { WeightReader } from '../weights/WeightReader.js';
import { browserOrt } from './test-support/browserOrt.js';

const ort = browserOrt();
const cols = 32;
const tableRows = [1000, 50];
const data = (rows: number, seed: number) => Float32Array.from({ length: rows * cols }, (_, i) => Math.sin(i * 0.37 + seed) * (1 + (i % 7)));
const tables = tableRows.map((rows, k) => data(rows, k));

/** Two 4-bit tables gathered by two id inputs and added, as the text tower's word and position tables are. */
function twoTablesGraph(): Uint8Array {
  const g = new GraphBuilder('int4_tables');
  const ctx: BuildContext = { g, weights: {} as WeightReader, options: { ...defaultBuildOptions, dtype: 'q4' } };
  const ids = tableRows.map((_, k) => g.input(`ids${k}`, OnnxDataType.INT64, ['batch', 'sequence']));
  const rows = tableRows.map((n, k) => int4Embedding(ctx, ids[k], `table${k}`, n, cols, tables[k]));
  g.output('sum', g.node('Add', rows), OnnxDataType.FLOAT, ['batch', 'sequence', cols]);
  return serializeModel(g);
}

/** max |ORT − the dequantised tables' rows, added|. */
async function maxError(ep: string): Promise<number> {
  const ids = [
    [0, 999, 7, 7, 512, 3],
    [0, 1, 2, 3, 4, 49],
  ];
  const session = await ort.InferenceSession.create(twoTablesGraph(), { executionProviders: [ep] });
  const feeds = Object.fromEntries(ids.map((list, k) => [`ids${k}`, new ort.Tensor('int64', BigInt64Array.from(list, BigInt), [2, 3])]));
  const sum = (await session.run(feeds)).sum.data as Float32Array;
  await session.release();
  const expected = tableRows.map((rows, k) => dequantizeInt4Blocks(quantizeInt4Blocks(tables[k], rows, cols, 32, false), rows, cols, 32));
  let max = 0;
  for (let t = 0; t < 6; t++) for (let c = 0; c < cols; c++) max = Math.max(max, Math.abs(sum[t * cols + c] - expected[0][ids[0][t] * cols + c] - expected[1][ids[1][t] * cols + c]));
  return max;
}

describe("q4's 4-bit embedding tables (uint8 nibbles unpacked with standard ops: graph/int4Embedding.ts)", () => {
  it('the wasm EP gathers exactly the dequantised rows', async () => {
    expect(await maxError('wasm')).toBeLessThan(1e-5);
  });

  // Why `--target webgpu` keeps q4's text tables float32 (q4FloatTables), kept as a reproduction: one such table
  // alone comes out right on WebGPU, but with two of them (the word and position tables) the rows are wrong
  // (onnxruntime-web 1.30, Chromium/SwiftShader, 2026-12-05: max error 14). When this fails, WebGPU computes it
  // right: drop q4FloatTables and run the exported q4 parity suite on WebGPU.
  it('onnxruntime-web 1.30: the WebGPU EP returns wrong rows from two 4-bit tables', async () => {
    expect(await maxError('webgpu'), 'WebGPU now matches: drop q4FloatTables (TowerBuildOptions) for --target webgpu').toBeGreaterThan(1);
  });
});
