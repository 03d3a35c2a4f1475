// Peak RSS of a text query's path (`altclip search` / `serve`): load the model on the onnx backend with the
// text tower alone or both towers, embed one text, print the peak RSS. One process per measurement:
//   node apps/examples/scripts/measure-query-memory.mjs <model dir> text|both
// (build first: it imports apps/examples/dist). Token ids are fixed (<s> … </s>) so that a checkpoint without
// tokenizer files (a random full-size one) can be measured.
const [model, towers] = process.argv.slice(2);
if (!model || !['text', 'both'].includes(towers)) {
  console.error('usage: measure-query-memory.mjs <model dir> text|both');
  process.exit(2);
}
const { loadModel } = await import(new URL('../dist/pipeline/loadModel.js', import.meta.url).href);
const start = performance.now();
const m = await loadModel(model, 'onnx', 'fp32', towers === 'both' ? undefined : ['text']);
await m.getTextFeatures({ inputIds: [[0, 6, 1294, 111, 10, 2]], attentionMask: [[1, 1, 1, 1, 1, 1]] });
console.log(JSON.stringify({ towers, seconds: Number(((performance.now() - start) / 1000).toFixed(1)), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) }));
