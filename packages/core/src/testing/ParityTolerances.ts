import type { BackendCapabilities, WeightDType } from '../backend/AltCLIPBackend.js';
import type { Int8Scheme } from '../backend/Int8Scheme.js';
import { type Int8ErrorBound, type Int8ErrorBoundsOptions, int8ErrorBounds } from './int8/int8ErrorBounds.js';
import type { AltCLIPFixture } from './loadFixture.js';
import { tolerancesFor, toleranceGroup } from './tolerances.js';

/** One fixture's int8 bounds per scheme: several int8 suites in one run share the reference passes. */
const cache = new WeakMap<AltCLIPFixture, Map<string, Promise<Map<string, Int8ErrorBound>>>>();

function cachedBounds(fixture: AltCLIPFixture, scheme: Int8Scheme, options?: Int8ErrorBoundsOptions): Promise<Map<string, Int8ErrorBound>> {
  let perScheme = cache.get(fixture);
  if (!perScheme) {
    perScheme = new Map();
    cache.set(fixture, perScheme);
  }
  const key = JSON.stringify({ ...scheme, embeddingTables: [...scheme.embeddingTables].sort(), trials: options?.trials, seed: options?.seed });
  let bounds = perScheme.get(key);
  if (!bounds) {
    bounds = int8ErrorBounds(fixture, scheme, options);
    perScheme.set(key, bounds);
    bounds.catch(() => perScheme.delete(key));
  }
  return bounds;
}

/**
 * The max |actual − golden| allowed for each golden tensor of a fixture on one backend and dtype:
 * core's table for fp32 and fp16, the int8 error model (`int8ErrorBounds`) for int8, which needs the
 * backend's declared `capabilities.int8`. Shared by describeParity and the CLI's parity report.
 */
export class ParityTolerances {
  private constructor(
    private readonly backendName: string,
    private readonly dtype: WeightDType,
    private readonly int8: Map<string, Int8ErrorBound> | undefined,
  ) {}

  static async create(fixture: AltCLIPFixture, backendName: string, dtype: WeightDType, capabilities: BackendCapabilities, options?: Int8ErrorBoundsOptions): Promise<ParityTolerances> {
    if (dtype !== 'int8' && dtype !== 'q4') {
      tolerancesFor(backendName, dtype);
      return new ParityTolerances(backendName, dtype, undefined);
    }
    // q4 is bounded by the same error model, from the 4-bit scheme the backend declares.
    const scheme = dtype === 'q4' ? capabilities.q4 : capabilities.int8;
    if (!scheme) {
      throw new Error(`backend '${backendName}' offers ${dtype} but declares no capabilities.${dtype} scheme, so core cannot bound its error (see Int8Scheme)`);
    }
    return new ParityTolerances(backendName, dtype, await cachedBounds(fixture, scheme, options));
  }

  /** Allowed max |diff| for a golden tensor name. */
  atol(name: string): number {
    if (name === 'text_model/position_ids') return 0;
    if (this.int8) {
      const bound = this.int8.get(name);
      if (!bound) throw new Error(`int8 error model has no bound for '${name}'`);
      return bound.bound;
    }
    return tolerancesFor(this.backendName, this.dtype)[toleranceGroup(name)];
  }

  /** The int8 model's prediction for a tensor (undefined for fp32/fp16). */
  int8Bound(name: string): Int8ErrorBound | undefined {
    return this.int8?.get(name);
  }
}
