import { AltCLIPConfig } from '@altclip/config';
import { AltCLIPModel, initializeParameters, modelParameterSpecs } from '@altclip/core';
import { createWebGPUBackend } from '@altclip/backend-webgpu';
const config = AltCLIPConfig.fromDict({
  projection_dim: 256,
  text_config: { vocab_size: 30000, hidden_size: 384, num_hidden_layers: 6, num_attention_heads: 6, intermediate_size: 1536, max_position_embeddings: 130, project_dim: 256 },
  vision_config: { hidden_size: 384, num_hidden_layers: 6, num_attention_heads: 6, intermediate_size: 1536, image_size: 224, patch_size: 32 },
});
const now = () => performance.now() / 1000;
const backend = createWebGPUBackend();
const weights = initializeParameters(modelParameterSpecs(config), 0);
let t = now();
const model = await AltCLIPModel.fromWeights(config, weights, { backend, dtype: 'fp32', onWarning: () => {} });
console.log('adapter', backend.adapterDescription, 'load', (now() - t).toFixed(2), 's');
const px = (b) => ({ pixelValues: { dims: [b, 3, 224, 224] } });
const { Tensor } = await import('@altclip/core');
const pixels = (b) => new Tensor('float32', Float32Array.from({ length: b * 3 * 224 * 224 }, (_, i) => Math.sin(i)), [b, 3, 224, 224]);
async function rate(label, fn, n) {
  let t0 = now(); await fn(); const first = now() - t0;
  t0 = now(); for (let i = 0; i < n; i++) await fn(); const per = (now() - t0) / n;
  console.log(label, 'first', first.toFixed(3), 's; steady', per.toFixed(3), 's/run');
  return per;
}
const p1 = pixels(1), p8 = pixels(8);
const b1 = await rate('image b1', () => model.getImageFeatures({ pixelValues: p1 }), 3);
const b8 = await rate('image b8', () => model.getImageFeatures({ pixelValues: p8 }), 2);
const ids = Array.from({ length: 8 }, (_, r) => Array.from({ length: 16 }, (_, i) => (i === 0 ? 0 : i === 15 ? 2 : 5 + ((r * 31 + i * 7) % 29000))));
const mask = ids.map((row) => row.map(() => 1));
const tx = await rate('text b8x16', () => model.getTextFeatures({ inputIds: ids, attentionMask: mask }), 3);
console.log(JSON.stringify({ images_per_s_b1: 1 / b1, images_per_s_b8: 8 / b8, texts_per_s_b8: 8 / tx, rss_mb: process.resourceUsage().maxRSS / 1024 }));
await model.dispose(); await backend.dispose();
