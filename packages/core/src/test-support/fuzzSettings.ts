// Test support only (not published): how many inputs a fuzz test generates, from which seed.

export interface FuzzSettings {
  readonly seed: number;
  readonly iterations: number;
  /** Deterministic PRNG in [0, 1) (mulberry32): a failure replays from the seed and its iteration number. */
  readonly random: () => number;
}

/**
 * CI runs `ciIterations` inputs from a fixed seed. ALTCLIP_FUZZ_SEED replays or varies a run;
 * ALTCLIP_FUZZ_ITERATIONS makes it longer (opt-in: a long run belongs on a developer machine, not in CI's time
 * budget). The seed and count are printed so that any failure can be reproduced.
 */
export function fuzzSettings(name: string, ciIterations: number, defaultSeed: number): FuzzSettings {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  const seed = env.ALTCLIP_FUZZ_SEED ? Number(env.ALTCLIP_FUZZ_SEED) >>> 0 : defaultSeed;
  const iterations = env.ALTCLIP_FUZZ_ITERATIONS ? Math.max(1, Math.floor(Number(env.ALTCLIP_FUZZ_ITERATIONS))) : ciIterations;
  console.info(`${name} fuzz: seed ${seed}, ${iterations} inputs (replay with ALTCLIP_FUZZ_SEED=${seed}; longer: ALTCLIP_FUZZ_ITERATIONS=n)`);
  let a = seed >>> 0;
  const random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { seed, iterations, random };
}

/** The test's time limit: `ciMs` for the CI run, none to speak of for an opt-in long run. */
export function fuzzTimeout(ciMs: number): number {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env ?? {};
  return env.ALTCLIP_FUZZ_ITERATIONS ? 7 * 24 * 3600_000 : ciMs;
}
