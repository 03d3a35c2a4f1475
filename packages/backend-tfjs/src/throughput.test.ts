import { AltCLIPConfig } from '@altclip/config';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { createTfjsBackend } from './createTfjsBackend.js';
import { randomTextWeights, randomVisionWeights } from './randomWeights.test-util.js';
import type { TfjsRuntimeName } from './runtime/TfjsRuntimeName.js';
import { randomPixels, simpleTextInputs } from './syntheticInputs.test-util.js';

// The README's figures: a medium random model (ViT-B/16-sized vision width halved, 6 layers
// per tower). Minutes of CPU on a shared 2-core machine, so it runs only on request:
//   TFJS_BENCH=wasm,cpu pnpm vitest run --project @altclip/backend-tfjs src/throughput.test.ts
const runtimes = (process.env.TFJS_BENCH ?? '').split(',').filter(Boolean) as TfjsRuntimeName[];

const MEDIUM = AltCLIPConfig.fromDict({
  projection_dim: 512,
  text_config: {
    hidden_size: 512, num_hidden_layers: 6, num_attention_heads: 8, intermediate_size: 2048,
    vocab_size: 10000, max_position_embeddings: 514, project_dim: 512,
  },
  vision_config: {
    hidden_size: 512, num_hidden_layers: 6, num_attention_heads: 8, intermediate_size: 2048,
    image_size: 224, patch_size: 16, projection_dim: 512,
  },
});

/** The wasm runtime's linear memory (it only grows); undefined on other runtimes. */
function wasmHeapMiB(): number | undefined {
  const heap = (tf.backend() as { wasm?: { HEAPU8?: Uint8Array } }).wasm?.HEAPU8;
  return heap ? Math.round(heap.buffer.byteLength / 2 ** 20) : undefined;
}

describe.skipIf(runtimes.length === 0)('throughput on a medium random model (set TFJS_BENCH to run)', () => {
  for (const runtime of runtimes) {
    it(runtime, async () => {
      const backend = createTfjsBackend({ backend: runtime });
      await backend.init();
      // The machine's speed at the moment: one 512×512 matmul (the figure the README quotes beside).
      const matmulMs = tf.tidy(() => {
        const m = tf.ones([512, 512]);
        tf.matMul(m, m).dataSync();
        const start = performance.now();
        for (let i = 0; i < 5; i++) tf.matMul(m, m).dataSync();
        return (performance.now() - start) / 5;
      });
      const textWeights = randomTextWeights(MEDIUM.text_config, 512);
      const visionWeights = randomVisionWeights(MEDIUM.vision_config, 512);
      const t0 = performance.now();
      const text = await backend.loadTextTower(MEDIUM.text_config, textWeights);
      const vision = await backend.loadVisionTower(MEDIUM.vision_config, visionWeights);
      const loadMs = performance.now() - t0;
      // The JS cpu kernels are ~10× slower: a smaller batch keeps the run within minutes.
      const batch = runtime === 'cpu' ? 2 : 8;
      const texts = simpleTextInputs(batch, 32, 10000);
      const pixels = randomPixels(batch, 3, 224, 224);
      let peakBytes = 0;
      const rate = async (fn: () => Promise<unknown>, reps: number) => {
        await fn();
        const start = performance.now();
        for (let i = 0; i < reps; i++) {
          await fn();
          peakBytes = Math.max(peakBytes, tf.memory().numBytes);
        }
        return (reps * batch * 1000) / (performance.now() - start);
      };
      const reps = runtime === 'cpu' ? 1 : 3;
      const textsPerSecond = await rate(() => text.run(texts), reps);
      const imagesPerSecond = await rate(() => vision.run({ pixelValues: pixels }), reps);
      console.log(
        JSON.stringify({ runtime: backend.runtime, batch, matmul512Ms: +matmulMs.toFixed(1), loadMs: Math.round(loadMs), textsPerSecond: +textsPerSecond.toFixed(1), imagesPerSecond: +imagesPerSecond.toFixed(2),
          tfjsBytesAfterRun: peakBytes, wasmHeapMiB: wasmHeapMiB(), rssMiB: Math.round(process.memoryUsage().rss / 2 ** 20) }),
      );
      await backend.dispose();
      expect(textsPerSecond).toBeGreaterThan(0);
    }, 600_000);
  }
});
