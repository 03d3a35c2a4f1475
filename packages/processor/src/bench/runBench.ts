import { runImageBench } from './imageBench.js';

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
  } catch (error) {
    tokenizer = { error: `tokenizer benchmark unavailable: ${(error as Error).message}` };
  }
  const result = {
    node: process.version,
    platform: `${process.platform}-${process.arch}`,
    image,
    tokenizer,
  };
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}

await main();
