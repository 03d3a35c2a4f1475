import { OnnxDataType } from '../proto/OnnxDataType.js';
import { Q4_BLOCK_SIZE } from '../quantize/q4Scheme.js';
import { quantizeInt4Blocks } from '../quantize/quantizeInt4Blocks.js';
import { int } from './Attribute.js';
import type { BuildContext } from './BuildContext.js';
import { rawWeight } from './weightInitializer.js';

/**
 * A 4-bit table (q4Scheme's `embeddingTableGrid`): each row in symmetric blocks of 32 hidden
 * features, stored as quantizeInt4Blocks packs MatMulNBits weights — uint8 [rows, H/2], two values a
 * byte, low nibble first — with one float32 scale a block [rows, H/32]. The rows are gathered by id
 * and unpacked with standard float ops (Floor/Div/Sub/Concat/Reshape), which every execution provider
 * runs at opset 17; ORT's contrib GatherBlockQuantized would do it in one node but needs IR 10 int4
 * tensors (or a `bits` attribute) and is not in every EP. The unpacking touches only the looked-up
 * rows (batch · sequence · H values), never the table.
 */
export function int4Embedding(ctx: BuildContext, ids: string, name: string, rows: number, cols: number, data: Float32Array): string {
  const g = ctx.g;
  const q = quantizeInt4Blocks(data, rows, cols, Q4_BLOCK_SIZE, false);
  const blocks = q.blocksPerRow;
  const table = rawWeight(ctx, `${name}.int4`, OnnxDataType.UINT8, [rows, (blocks * Q4_BLOCK_SIZE) / 2], q.packed);
  const scales = rawWeight(ctx, `${name}.scale`, OnnxDataType.FLOAT, [rows, blocks], q.scales);
  const bytes = g.node('Cast', [g.node('Gather', [table, ids], { axis: int(0) }, { prefix: `${name}/packed` })], { to: int(OnnxDataType.FLOAT) }, { prefix: `${name}/bytes` });
  // byte = low + 16 · high, both exact in float32.
  const sixteen = g.scalar(`${name}/sixteen`, 16);
  const high = g.node('Floor', [g.node('Div', [bytes, sixteen])], {}, { prefix: `${name}/high` });
  const low = g.node('Sub', [bytes, g.node('Mul', [high, sixteen])], {}, { prefix: `${name}/low` });
  const last = g.int64s(`${name}/last_axis`, [-1]);
  // [batch, sequence, H/2, 2] → element 2k is byte k's low nibble, 2k + 1 its high one.
  const pairs = g.node('Concat', [g.node('Unsqueeze', [low, last]), g.node('Unsqueeze', [high, last])], { axis: int(-1) }, { prefix: `${name}/nibbles` });
  const grid = g.node('Reshape', [pairs, g.int64s(`${name}/block_shape`, [0, 0, blocks, Q4_BLOCK_SIZE])]);
  const centred = g.node('Sub', [grid, g.scalar(`${name}/zero_point`, 8)]);
  const blockScales = g.node('Unsqueeze', [g.node('Gather', [scales, ids], { axis: int(0) }, { prefix: `${name}/scales` }), last]);
  const values = g.node('Reshape', [g.node('Mul', [centred, blockScales]), g.int64s(`${name}/row_shape`, [0, 0, blocks * Q4_BLOCK_SIZE])], {}, { prefix: `${name}/rows` });
  if (blocks * Q4_BLOCK_SIZE === cols) return values;
  // The last block was zero-padded: drop the padding.
  return g.node('Slice', [values, g.int64s(`${name}/start`, [0]), g.int64s(`${name}/end`, [cols]), last], {}, { prefix: name });
}
