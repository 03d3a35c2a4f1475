import type { Int8Scheme } from '../../backend/Int8Scheme.js';
import type { Tensor } from '../../tensor/Tensor.js';
import { toFloat32 } from '../../tensor/toFloat32.js';
import type { AltCLIPFixture } from '../loadFixture.js';
import { ParityRun } from '../ParityRun.js';
import { ReferenceBackend } from '../reference/ReferenceBackend.js';
import { Int8Simulation } from './Int8Simulation.js';

/**
 * Batch items of one tensor that may differ from the simulation by more than float32 arithmetic explains.
 * Where float32 and float64 put a value on opposite sides of a rounding boundary, the backend rounds it to
 * the neighbouring grid point: one int8 step in one element, which moves only its own batch item (measured on
 * onnx-node and onnx-web: at most one item in any tensor of the tiny fixture, three in all 25 tensors of both schemes).
 */
export const MAX_STEPPED_ITEMS = 1;

/** How an int8 backend's tensor compares with core's float64 simulation of the scheme it declares. */
export interface Int8Conformance {
  readonly ok: boolean;
  /**
   * Batch items (rows of logits: images, or columns: texts, whichever are fewer) that differ beyond
   * `float32Atol`: one rounding step landed on the other grid point there.
   */
  readonly steppedItems: readonly number[];
  readonly maxAbsDiff: number;
  readonly message: string;
}

/** Items (first axis) whose max |a − b| exceeds atol; a scalar is one item. */
function itemsBeyond(a: Float32Array, b: Float32Array, items: number, atol: number): number[] {
  const per = a.length / items;
  const out: number[] = [];
  for (let item = 0; item < items; item++) {
    for (let i = item * per; i < (item + 1) * per; i++) {
      if (!(Math.abs(a[i] - b[i]) <= atol)) {
        out.push(item);
        break;
      }
    }
  }
  return out;
}

/** Columns of a [rows, cols] matrix whose max |a − b| exceeds atol. */
function columnsBeyond(a: Float32Array, b: Float32Array, rows: number, cols: number, atol: number): number[] {
  const out: number[] = [];
  for (let c = 0; c < cols; c++) {
    for (let r = 0; r < rows; r++) {
      if (!(Math.abs(a[r * cols + c] - b[r * cols + c]) <= atol)) {
        out.push(c);
        break;
      }
    }
  }
  return out;
}

/**
 * Compares an int8 backend's tensor with the float64 simulation of its declared scheme (Int8Simulation
 * 'round'): equal up to float32 arithmetic (`float32Atol`) except in at most MAX_STEPPED_ITEMS batch items,
 * and those by no more than `stepBound` (the tensor's predicted int8 error: one step in one element moves an
 * output less than rounding noise in every element does). A different grid — per-tensor weight scales, 7 bits,
 * a missing rounding — moves every item and fails.
 */
export function compareWithSimulation(name: string, actual: Tensor | undefined, simulated: Tensor, float32Atol: number, stepBound: number): Int8Conformance {
  if (!actual || actual.dims.length !== simulated.dims.length || actual.dims.some((d, i) => d !== simulated.dims[i])) {
    const message = `${name}: shape [${actual?.dims.join(', ') ?? 'none'}], the simulation has [${simulated.dims.join(', ')}]`;
    return { ok: false, steppedItems: [], maxAbsDiff: Number.POSITIVE_INFINITY, message };
  }
  const a = toFloat32(actual).data;
  const b = toFloat32(simulated).data;
  let maxAbsDiff = 0;
  for (let i = 0; i < a.length; i++) {
    const d = Math.abs(a[i] - b[i]);
    maxAbsDiff = Number.isNaN(d) ? Number.POSITIVE_INFINITY : Math.max(maxAbsDiff, d);
  }
  const dims = simulated.dims;
  let steppedItems = itemsBeyond(a, b, dims.length === 0 ? 1 : dims[0], float32Atol);
  // Logits are [images, texts]: a stepped text moves a column, a stepped image a row.
  if (name.includes('logits_per_')) {
    const columns = columnsBeyond(a, b, dims[0], dims[1], float32Atol);
    if (columns.length < steppedItems.length) steppedItems = columns;
  }
  const ok = steppedItems.length <= MAX_STEPPED_ITEMS && maxAbsDiff <= stepBound;
  const message =
    `${name}: ${steppedItems.length} batch item(s) beyond float32 arithmetic (${float32Atol.toExponential(1)}) of the int8 simulation` +
    `${steppedItems.length > 0 ? ` [${steppedItems.join(', ')}]` : ''} (at most ${MAX_STEPPED_ITEMS} allowed); ` +
    `max |diff| ${maxAbsDiff.toExponential(2)} (one rounding step may move it at most ${stepBound.toExponential(2)})`;
  return { ok, steppedItems, maxAbsDiff, message };
}

/** The parity computations on the float64 reference with the scheme's rounding applied exactly. */
export function simulationRun(fixture: AltCLIPFixture, scheme: Int8Scheme): ParityRun {
  return new ParityRun({ fixture, createBackend: () => new ReferenceBackend(new Int8Simulation(scheme, 'round').referenceOptions()) });
}

/**
 * The top-1 of each logits row, against the simulation rather than the oracle: the backend may deviate from
 * the simulation by `float32Atol`, or by `stepBound` in a stepped row or column, so a row whose simulated
 * top-1 leads every other entry by more than both entries' allowed deviations must keep it. With int8's wide
 * oracle bounds almost no row qualified against the oracle; against the simulation nearly every row does.
 */
export function top1AgainstSimulation(
  actual: Tensor,
  simulated: Tensor,
  stepped: { readonly rows: readonly number[]; readonly columns: readonly number[] },
  float32Atol: number,
  stepBound: number,
): { checked: number[]; changed: number[] } {
  const [rows, cols] = simulated.dims;
  const a = toFloat32(actual).data;
  const s = toFloat32(simulated).data;
  const deviation = (r: number, c: number) => (stepped.rows.includes(r) || stepped.columns.includes(c) ? stepBound : float32Atol);
  const checked: number[] = [];
  const changed: number[] = [];
  for (let r = 0; r < rows; r++) {
    let best = 0;
    let got = 0;
    for (let c = 1; c < cols; c++) {
      if (s[r * cols + c] > s[r * cols + best]) best = c;
      if (a[r * cols + c] > a[r * cols + got]) got = c;
    }
    let robust = true;
    for (let c = 0; c < cols && robust; c++) {
      if (c !== best && !(s[r * cols + best] - s[r * cols + c] > deviation(r, best) + deviation(r, c))) robust = false;
    }
    if (!robust) continue;
    checked.push(r);
    if (got !== best) changed.push(r);
  }
  return { checked, changed };
}

/** Rows and columns of a [rows, cols] tensor that differ beyond atol. */
export function steppedRowsAndColumns(actual: Tensor, simulated: Tensor, atol: number): { rows: number[]; columns: number[] } {
  const [rows, cols] = simulated.dims;
  const a = toFloat32(actual).data;
  const s = toFloat32(simulated).data;
  return { rows: itemsBeyond(a, s, rows, atol), columns: columnsBeyond(a, s, rows, cols, atol) };
}
