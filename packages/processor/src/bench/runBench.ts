import { measure, runImageBench } from './imageBench.js';
import { loadTokenizer } from '../tokenizer/index.js';

/**
 * `pnpm bench` entry (not a test): prints one JSON object with the image pipeline's and the tokenizer's
 * throughput on this machine. Single-threaded, sequential calls.
 */
async function main(): Promise<void> {
  const seconds = Number(process.env.ALTCLIP_BENCH_SECONDS ?? 3);
  const image = await runImageBench(seconds);
  let tokenizer: unknown;
  try {
    // Written by the tokenizer's author; loaded by name so this file builds whether or not it exists yet.
    const specifier = './tokenizerBench.js';
    const mod = (await import(/* @vite-ignore */ specifier)) as { runTokenizerBench: (s?: number) => Promise<unknown> };
    tokenizer = await mod.runTokenizerBench(seconds);
  } catch {
    tokenizer = await fallbackTokenizerBench(seconds);
  }
  const result = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    image,
    tokenizer,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

/** texts/s over the fixture's 15 strings, one call per text, for the slow and the fast tokenizer. */
async function fallbackTokenizerBench(seconds: number): Promise<Record<string, unknown>> {
  const dir = new URL('../../../../fixtures/altclip-tiny/', import.meta.url);
  const { fileURLToPath } = await import('node:url');
  const { readFile } = await import('node:fs/promises');
  const path = fileURLToPath(dir);
  const texts = JSON.parse(await readFile(`${path}texts.json`, 'utf8')) as string[];
  const result: Record<string, unknown> = { texts: texts.length, source: 'fixtures/altclip-tiny texts.json' };
  for (const prefer of ['slow', 'fast'] as const) {
    const tok = await loadTokenizer(path, { prefer });
    tok.logger = { warn: () => {} };
    const run = await measure(() => {
      for (const t of texts) tok(t);
    }, seconds);
    result[`${tok.source} texts/s`] = Math.round(run.perSecond * texts.length);
  }
  return result;
}

await main();
