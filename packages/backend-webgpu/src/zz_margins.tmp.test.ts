import { AltCLIPModel } from '@altclip/core';
import { loadFixture } from '@altclip/core/testing';
import { it } from 'vitest';
import { WebGPUBackend } from './WebGPUBackend.js';

it('prints margins', async () => {
  const f = await loadFixture();
  const backend = new WebGPUBackend();
  const model = await AltCLIPModel.fromPretrained(f.files, { backend, onWarning: () => {} });
  const e = (n: string) => f.expected.get(n)!;
  const out = await model.forward({ inputIds: e('tokenizer/batch/input_ids') as never, attentionMask: e('tokenizer/batch/attention_mask') as never, pixelValues: e('image/pixel_values_batch') as never, returnLoss: true, outputHiddenStates: true, outputAttentions: true });
  const d = (a: { data: ArrayLike<number> }, b: { data: ArrayLike<number> }) => { let m = 0; for (let i = 0; i < a.data.length; i++) m = Math.max(m, Math.abs(Number(a.data[i]) - Number(b.data[i]))); return m.toExponential(2); };
  const rows: Record<string, string> = {
    text_embeds: d(out.textEmbeds, e('model/text_embeds')),
    image_embeds: d(out.imageEmbeds, e('model/image_embeds')),
    logits_per_image: d(out.logitsPerImage, e('model/logits_per_image')),
    text_lhs: d(out.textModelOutput.lastHiddenState, e('text_model/last_hidden_state')),
    vision_lhs: d(out.visionModelOutput.lastHiddenState, e('vision_model/last_hidden_state')),
    vision_pooler: d(out.visionModelOutput.poolerOutput, e('vision_model/pooler_output')),
    text_hidden2: d(out.textModelOutput.hiddenStates![2], e('text_model/hidden_states/2')),
    text_att1: d(out.textModelOutput.attentions![1], e('text_model/attentions/1')),
    vision_att1: d(out.visionModelOutput.attentions![1], e('vision_model/attentions/1')),
  };
  console.log('MARGINS', JSON.stringify(rows));
  await model.dispose();
  await backend.dispose();
}, 300_000);
