import type { TowerWeights } from '../../backend/AltCLIPBackend.js';
import type { Int8Scheme } from '../../backend/Int8Scheme.js';
import { SeededNormal } from '../../random/SeededNormal.js';
import { Tensor } from '../../tensor/Tensor.js';
import { toFloat32 } from '../../tensor/toFloat32.js';
import { type LinearOp, linear } from '../reference/ops.js';
import type { ReferenceBackendOptions } from '../reference/ReferenceBackend.js';

/**
 * 'round': weights and Linear inputs put on the scheme's grid exactly — what a faithful int8
 * backend computes, less its own float32 rounding. 'noise': uniform noise of ±step/2 added in
 * the same places instead (the classic model of rounding error), so that many seeds give the
 * spread of errors an int8 grid of this step can cause.
 */
export type Int8SimulationMode = 'round' | 'noise';

/** nn.Linear weights, as TowerWeights names them: 2-D `.weight`s outside the embeddings. */
export function isLinearWeight(name: string, tensor: { readonly dims: readonly number[] }): boolean {
  return tensor.dims.length === 2 && name.endsWith('.weight') && !/(^|\.)embeddings\./.test(name);
}

/** ONNX Round: half to even. */
function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function nameSeed(seed: number, name: string): number {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/** The int8 dtype of a backend, simulated on the float64 reference backend. */
export class Int8Simulation {
  constructor(
    readonly scheme: Int8Scheme,
    readonly mode: Int8SimulationMode,
    readonly seed = 0,
  ) {}

  /** Options for `new ReferenceBackend(...)`. */
  referenceOptions(): ReferenceBackendOptions {
    return { weights: (w) => this.weights(w), linear: this.scheme.linearInputs === 'float' ? linear : this.#roundingInputs() };
  }

  /** Linear weights per output channel and the listed embedding tables per row, on the int8 grid. */
  weights(weights: TowerWeights): TowerWeights {
    const out = new Map<string, Tensor>();
    for (const [name, tensor] of weights) {
      const isLinear = isLinearWeight(name, tensor);
      const isTable = !isLinear && this.scheme.embeddingTables.includes(name);
      if (isLinear && this.scheme.linearWeights !== 'int8-per-output-channel') out.set(name, this.#int4Blocks(name, tensor, this.scheme.linearWeights === 'int4-block-asymmetric'));
      else if (isTable && this.scheme.embeddingTableGrid === 'int4-block-symmetric') out.set(name, this.#int4Blocks(name, tensor, false));
      else out.set(name, isLinear || isTable ? this.#symmetricRows(name, tensor) : tensor);
    }
    return out;
  }

  /**
   * dtype q4's Linear weights (and int4 embedding tables): each row — output channel, or table row —
   * in blocks of `blockSize` columns, one 4-bit grid per block as the scheme declares
   * (Int8Scheme.blockSize). 'noise' adds ±step/2.
   */
  #int4Blocks(name: string, tensor: Tensor, asymmetric: boolean): Tensor {
    const [rows, cols] = tensor.dims;
    const block = this.scheme.blockSize;
    if (!block || !Number.isInteger(block) || block < 1) throw new RangeError(`Int8Scheme.blockSize: expected a positive integer for 4-bit blocks (${name}), got ${String(block)}`);
    const data = toFloat32(tensor).data;
    const random = new SeededNormal(nameSeed(this.seed, name));
    const out = new Float64Array(data.length);
    for (let r = 0; r < rows; r++) {
      for (let start = 0; start < cols; start += block) {
        const end = Math.min(cols, start + block);
        let lo = 0;
        let hi = 0;
        let maxAbs = 0;
        for (let c = start; c < end; c++) {
          const w = data[r * cols + c];
          lo = Math.min(lo, w);
          hi = Math.max(hi, w);
          maxAbs = Math.max(maxAbs, Math.abs(w));
        }
        // float32 scales, as the stored ones are.
        const step = Math.fround(asymmetric ? (hi - lo) / 15 : maxAbs / 7);
        const zeroPoint = asymmetric && step > 0 ? Math.min(15, Math.max(0, Math.round(-lo / step))) : 0;
        for (let c = start; c < end; c++) {
          const w = data[r * cols + c];
          let v = w;
          if (step > 0 && this.mode === 'noise') v = w + (random.uniform() - 0.5) * step;
          else if (step > 0 && asymmetric) v = (Math.min(15, Math.max(0, Math.round(w / step) + zeroPoint)) - zeroPoint) * step;
          else if (step > 0) v = Math.min(7, Math.max(-8, Math.round(w / step))) * step;
          out[r * cols + c] = v;
        }
      }
    }
    return new Tensor('float64', out, [rows, cols]) as Tensor;
  }

  #symmetricRows(name: string, tensor: Tensor): Tensor {
    const [rows, cols] = tensor.dims;
    const data = toFloat32(tensor).data;
    // Keyed by name, so every tower loaded in one trial (full model, tower models) sees the same int8 weights.
    const random = new SeededNormal(nameSeed(this.seed, name));
    const out = new Float64Array(data.length);
    for (let r = 0; r < rows; r++) {
      let maxAbs = 0;
      for (let c = 0; c < cols; c++) maxAbs = Math.max(maxAbs, Math.abs(data[r * cols + c]));
      const step = maxAbs / 127;
      for (let c = 0; c < cols; c++) {
        const w = data[r * cols + c];
        if (step === 0) out[r * cols + c] = w;
        else out[r * cols + c] = this.mode === 'round' ? Math.round(w / step) * step : w + (random.uniform() - 0.5) * step;
      }
    }
    return new Tensor('float64', out, [rows, cols]) as Tensor;
  }

  /** Each Linear's input rounded as the scheme says, then the exact Linear. */
  #roundingInputs(): LinearOp {
    const random = new SeededNormal(nameSeed(this.seed, 'linear inputs'));
    // Q, K and V read the same tensor, which an int8 backend quantises identically for all three.
    const seen = new WeakMap<Float64Array, Float64Array>();
    return (x, rows, inDim, weight, bias, outDim) => {
      let q = seen.get(x);
      if (!q) {
        q = this.scheme.linearInputs === 'int8-per-row' ? this.#int8PerRow(x, inDim, random) : this.#uint8PerTensor(x, random);
        seen.set(x, q);
      }
      return linear(q, rows, inDim, weight, bias, outDim);
    };
  }

  /** QuantizeLinear per row: symmetric, scale = max|row| / 127 in float32, round half to even. */
  #int8PerRow(x: Float64Array, cols: number, random: SeededNormal): Float64Array {
    const f = Float32Array.from(x);
    const out = new Float64Array(f.length);
    for (let start = 0; start < f.length; start += cols) {
      let maxAbs = 0;
      for (let i = start; i < start + cols; i++) maxAbs = Math.max(maxAbs, Math.abs(f[i]));
      const step = Math.fround(maxAbs / 127);
      for (let i = start; i < start + cols; i++) {
        if (step === 0) out[i] = f[i];
        else if (this.mode === 'noise') out[i] = f[i] + (random.uniform() - 0.5) * step;
        else out[i] = Math.min(127, Math.max(-127, roundHalfEven(Math.fround(f[i] / step)))) * step;
      }
    }
    return out;
  }

  #uint8PerTensor(x: Float64Array, random: SeededNormal): Float64Array {
    const f = Float32Array.from(x);
    let lo = 0;
    let hi = 0;
    for (const v of f) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
    const step = Math.fround((hi - lo) / 255);
    if (step === 0) return x;
    const out = new Float64Array(f.length);
    if (this.mode === 'noise') {
      for (let i = 0; i < f.length; i++) out[i] = f[i] + (random.uniform() - 0.5) * step;
      return out;
    }
    const zeroPoint = Math.min(255, Math.max(0, roundHalfEven(-lo / step)));
    for (let i = 0; i < f.length; i++) out[i] = (Math.min(255, Math.max(0, roundHalfEven(f[i] / step) + zeroPoint)) - zeroPoint) * step;
    return out;
  }
}
