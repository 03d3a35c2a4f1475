import type { AltCLIPBackend, WeightDType } from '../backend/AltCLIPBackend.js';
import type { ResolveOptions } from '@altclip/hub';

export interface ModelOptions {
  /** A backend instance, or the name(s) of registered backends; default: the registered ones by priority. */
  backend?: AltCLIPBackend | string | readonly string[];
  /** Weight precision the backend computes in (default 'fp32'). */
  dtype?: WeightDType;
  /** Extra options forwarded to the backend's loadTextTower/loadVisionTower. */
  backendOptions?: Record<string, unknown>;
}

export interface FromConfigOptions extends ModelOptions {
  /** Seed of the random initialisation (default 0). */
  seed?: number;
}

export interface FromWeightsOptions extends FromConfigOptions {
  /** Name used in load warnings (a path or repo id). */
  checkpointName?: string;
  /** Re-initialise parameters whose shape differs instead of failing (HF's ignore_mismatched_sizes). */
  ignoreMismatchedSizes?: boolean;
  /** Receives HF's load warnings (missing/unexpected/mismatched keys); default console.warn. */
  onWarning?: (message: string) => void;
}

export interface FromPretrainedOptions extends FromWeightsOptions, ResolveOptions {}
