import { XLMRobertaTokenizer } from '../tokenizer/XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from '../tokenizer/XLMRobertaTokenizerFast.js';

export interface TokenizerBenchResult {
  fixture: string;
  texts: number;
  /** texts per second, single thread, one text per call, special tokens added. */
  slowTextsPerSecond: number;
  fastTextsPerSecond: number;
  /** The Rust `tokenizers` Node binding on the same texts (encodeBatch), when installed. */
  rustTextsPerSecond: number | null;
  /** Cold: a different random-ish text each call so the word caches do not help. */
  slowColdTextsPerSecond: number;
  fastColdTextsPerSecond: number;
  /**
   * Seconds for ONE call (after a 100,000-unit warm-up) on 1,000,000 UTF-16 units of each hostile kind
   * (issue #16's rows, at least 1 MB of UTF-8 each; target < 1 s): wall time and the process's CPU
   * time (wall time on a shared machine includes waiting); `rust`: the npm binding's wall time.
   */
  longInputs: Record<string, { units: number; slow: Seconds; fast: Seconds; rust: number | null }>;
}

export interface Seconds {
  wall: number;
  cpu: number;
}

/** The benchmark's 1,000,000-unit inputs: mixed scripts, emoji, NUL, lone surrogates. */
export const LONG_INPUTS: Record<string, (units: number) => string> = {
  mixedScript: (n) => 'Hello мир 世界 🌍 مرحبا नमस्ते e\u0301 \u1100\u1161 ①ﬁ 고양이 Ελληνικά '.repeat(n / 40).slice(0, n),
  emoji: (n) => '😀🐱👍🏽'.repeat(n / 6).slice(0, n),
  nul: (n) => '\0'.repeat(n),
  loneSurrogates: (n) => 'a\ud800\udc00\udfff\ud83d'.repeat(n / 5).slice(0, n),
};

function timeOnce(fn: () => void): Seconds {
  const c0 = process.cpuUsage();
  const t0 = performance.now();
  fn();
  const c = process.cpuUsage(c0);
  return { wall: round3((performance.now() - t0) / 1000), cpu: round3((c.user + c.system) / 1e6) };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

/**
 * Tokenizer throughput on the altclip-tiny fixture texts (Node only: reads the fixture from disk).
 * Not a test; `pnpm bench` prints the object.
 */
export async function runTokenizerBench(
  optionsOrSeconds: { fixtureDir?: string; seconds?: number } | number = {},
): Promise<TokenizerBenchResult> {
  const options = typeof optionsOrSeconds === 'number' ? { seconds: optionsOrSeconds } : optionsOrSeconds;
  const { fileURLToPath } = await import('node:url');
  const { readFile } = await import('node:fs/promises');
  const dir = options.fixtureDir ?? fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
  const seconds = options.seconds ?? 1;
  const texts: string[] = JSON.parse(await readFile(`${dir}texts.json`, 'utf8'));
  const slow = await XLMRobertaTokenizer.fromPretrained(dir);
  const fast = await XLMRobertaTokenizerFast.fromPretrained(dir);
  const quiet = { warn() {} };
  slow.logger = quiet;
  fast.logger = quiet;

  const rate = (fn: (i: number) => void): number => {
    for (let i = 0; i < 500; i++) fn(i);
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < seconds * 1000) {
      fn(n);
      n++;
    }
    return n / ((performance.now() - t0) / 1000);
  };
  const cold = (i: number) => `${texts[i % texts.length]} ${i.toString(36)} ${(i * 7919).toString(36)}`;

  let rustTextsPerSecond: number | null = null;
  try {
    const { Tokenizer } = await import('tokenizers');
    const rust = Tokenizer.fromFile(`${dir}tokenizer.json`);
    const batch = Array.from({ length: 1500 }, (_, i) => texts[i % texts.length]);
    await rust.encodeBatch(batch);
    const t0 = performance.now();
    await rust.encodeBatch(batch);
    rustTextsPerSecond = batch.length / ((performance.now() - t0) / 1000);
  } catch {
    rustTextsPerSecond = null;
  }

  const longInputs: TokenizerBenchResult['longInputs'] = {};
  for (const [name, make] of Object.entries(LONG_INPUTS)) {
    const text = make(1_000_000);
    // Warm both paths on 100,000 units of the same kind (the JIT optimizes the lattice loops only
    // after many iterations), as a long-running service would be.
    slow.encode(make(100_000));
    fast.encode(make(100_000));
    let rust: number | null = null;
    try {
      const { Tokenizer } = await import('tokenizers');
      const t0 = performance.now();
      await Tokenizer.fromFile(`${dir}tokenizer.json`).encode(text);
      rust = round3((performance.now() - t0) / 1000);
    } catch {
      rust = null;
    }
    longInputs[name] = { units: text.length, slow: timeOnce(() => slow.encode(text)), fast: timeOnce(() => fast.encode(text)), rust };
  }

  return {
    fixture: dir,
    texts: texts.length,
    slowTextsPerSecond: Math.round(rate((i) => slow.encode(texts[i % texts.length]))),
    fastTextsPerSecond: Math.round(rate((i) => fast.encode(texts[i % texts.length]))),
    rustTextsPerSecond: rustTextsPerSecond === null ? null : Math.round(rustTextsPerSecond),
    slowColdTextsPerSecond: Math.round(rate((i) => slow.encode(cold(i)))),
    fastColdTextsPerSecond: Math.round(rate((i) => fast.encode(cold(i)))),
    longInputs,
  };
}
