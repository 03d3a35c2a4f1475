import type { Int8Scheme } from '../../backend/Int8Scheme.js';
import { compareTensors } from '../compareTensors.js';
import type { AltCLIPFixture } from '../loadFixture.js';
import { ParityRun, parityTensorNames } from '../ParityRun.js';
import { ReferenceBackend } from '../reference/ReferenceBackend.js';
import { tolerancesFor, toleranceGroup } from '../tolerances.js';
import { Int8Simulation } from './Int8Simulation.js';

/** The predicted int8 error of one golden tensor. */
export interface Int8ErrorBound {
  /** Mean and standard deviation of max |noisy − exact| over the trials. */
  readonly mean: number;
  readonly sd: number;
  /** mean + SIGMAS·sd + core's fp32 tolerance for the tensor's group: the allowed max |int8 − oracle|. */
  readonly bound: number;
}

export interface Int8ErrorBoundsOptions {
  /** Noise draws (default 32). */
  readonly trials?: number;
  readonly seed?: number;
  /** Called after each trial (the CLI shows progress). */
  readonly onTrial?: (done: number, of: number) => void;
}

/**
 * A max over many elements is close to Gumbel-distributed; for a Gumbel variable mean + 5 sd is
 * its 99.9th percentile, so a faithful int8 implementation (one more draw of the same error)
 * lands beyond it about once in a thousand models, while a wrong scale, a dropped bias or a
 * transposed weight lands far beyond it.
 */
export const SIGMAS = 5;

/** Golden tensors the error model covers: everything a backend computes (position ids are core's, exact). */
const boundedNames = (fixture: AltCLIPFixture) => parityTensorNames(fixture).filter((n) => n !== 'text_model/position_ids');

/**
 * How far an int8 backend may land from the oracle, tensor by tensor, predicted before looking at
 * any backend: the float64 reference runs the fixture's exact parity calls `trials` times with
 * uniform noise of ±step/2 wherever the scheme rounds (Int8Simulation 'noise'), and each tensor's
 * spread of max |noisy − exact| becomes its bound. Costs `trials + 1` reference passes.
 */
export async function int8ErrorBounds(fixture: AltCLIPFixture, scheme: Int8Scheme, options: Int8ErrorBoundsOptions = {}): Promise<Map<string, Int8ErrorBound>> {
  const trials = options.trials ?? 32;
  if (!Number.isInteger(trials) || trials < 2) throw new RangeError(`int8ErrorBounds: trials must be an integer ≥ 2, got ${trials}`);
  const names = boundedNames(fixture);
  const exact = new ParityRun({ fixture, createBackend: () => new ReferenceBackend() });
  const clean = new Map(await Promise.all(names.map(async (n) => [n, (await exact.compute(n))!] as const)));
  await exact.dispose();

  const sums = new Map(names.map((n) => [n, { sum: 0, sumSquares: 0 }]));
  for (let t = 0; t < trials; t++) {
    const simulation = new Int8Simulation(scheme, 'noise', (options.seed ?? 0) + t);
    const run = new ParityRun({ fixture, createBackend: () => new ReferenceBackend(simulation.referenceOptions()) });
    for (const name of names) {
      const d = compareTensors(name, await run.compute(name), clean.get(name)!, Number.POSITIVE_INFINITY).maxAbsDiff;
      const s = sums.get(name)!;
      s.sum += d;
      s.sumSquares += d * d;
    }
    await run.dispose();
    options.onTrial?.(t + 1, trials);
  }

  const fp32 = tolerancesFor('*', 'fp32');
  const bounds = new Map<string, Int8ErrorBound>();
  for (const [name, { sum, sumSquares }] of sums) {
    const mean = sum / trials;
    const sd = Math.sqrt(Math.max(0, (sumSquares - trials * mean * mean) / (trials - 1)));
    bounds.set(name, { mean, sd, bound: mean + SIGMAS * sd + fp32[toleranceGroup(name)] });
  }
  return bounds;
}
