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
}

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

  return {
    fixture: dir,
    texts: texts.length,
    slowTextsPerSecond: Math.round(rate((i) => slow.encode(texts[i % texts.length]))),
    fastTextsPerSecond: Math.round(rate((i) => fast.encode(texts[i % texts.length]))),
    rustTextsPerSecond: rustTextsPerSecond === null ? null : Math.round(rustTextsPerSecond),
    slowColdTextsPerSecond: Math.round(rate((i) => slow.encode(cold(i)))),
    fastColdTextsPerSecond: Math.round(rate((i) => fast.encode(cold(i)))),
  };
}
