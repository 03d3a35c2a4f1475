// Test-only: seeded random tower weights for any config, with HF's names and shapes.
import type { AltCLIPTextConfig, AltCLIPVisionConfig } from '@altclip/config';
import { Tensor, type TowerWeights } from '@altclip/core';

function filler(seed: number): (shape: number[], scale: number) => Tensor<'float32'> {
  let s = seed >>> 0;
  return (shape, scale) => {
    const data = new Float32Array(shape.reduce((a, b) => a * b, 1));
    for (let i = 0; i < data.length; i++) {
      s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
      data[i] = ((s / 2 ** 32) * 2 - 1) * scale;
    }
    return new Tensor('float32', data, shape);
  };
}

function addLinear(w: Map<string, Tensor>, fill: ReturnType<typeof filler>, name: string, inDim: number, outDim: number, bias = true): void {
  w.set(`${name}.weight`, fill([outDim, inDim], 1 / Math.sqrt(inDim)));
  if (bias) w.set(`${name}.bias`, fill([outDim], 0.1));
}

function addNorm(w: Map<string, Tensor>, fill: ReturnType<typeof filler>, name: string, dim: number): void {
  w.set(`${name}.weight`, new Tensor('float32', new Float32Array(dim).fill(1), [dim]));
  w.set(`${name}.bias`, fill([dim], 0.1));
}

export function randomTextWeights(c: AltCLIPTextConfig, projectionDim: number, seed = 1): TowerWeights {
  const w = new Map<string, Tensor>();
  const fill = filler(seed);
  const h = c.hidden_size;
  w.set('roberta.embeddings.word_embeddings.weight', fill([c.vocab_size, h], 0.5));
  w.set('roberta.embeddings.position_embeddings.weight', fill([c.max_position_embeddings, h], 0.5));
  w.set('roberta.embeddings.token_type_embeddings.weight', fill([c.type_vocab_size, h], 0.5));
  addNorm(w, fill, 'roberta.embeddings.LayerNorm', h);
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const p = `roberta.encoder.layer.${i}`;
    for (const n of ['query', 'key', 'value']) addLinear(w, fill, `${p}.attention.self.${n}`, h, h);
    addLinear(w, fill, `${p}.attention.output.dense`, h, h);
    addNorm(w, fill, `${p}.attention.output.LayerNorm`, h);
    addLinear(w, fill, `${p}.intermediate.dense`, h, c.intermediate_size);
    addLinear(w, fill, `${p}.output.dense`, c.intermediate_size, h);
    addNorm(w, fill, `${p}.output.LayerNorm`, h);
  }
  addNorm(w, fill, 'pre_LN', h);
  addLinear(w, fill, 'transformation', h, c.project_dim);
  addLinear(w, fill, 'text_projection', c.project_dim, projectionDim, false);
  return w;
}

export function randomVisionWeights(c: AltCLIPVisionConfig, projectionDim: number, seed = 2): TowerWeights {
  const w = new Map<string, Tensor>();
  const fill = filler(seed);
  const h = c.hidden_size;
  const grid = Math.floor(c.image_size / c.patch_size);
  w.set('embeddings.class_embedding', fill([h], 0.5));
  w.set('embeddings.patch_embedding.weight', fill([h, c.num_channels, c.patch_size, c.patch_size], 0.1));
  w.set('embeddings.position_embedding.weight', fill([1 + grid * grid, h], 0.5));
  addNorm(w, fill, 'pre_layrnorm', h);
  for (let i = 0; i < c.num_hidden_layers; i++) {
    const p = `encoder.layers.${i}`;
    addNorm(w, fill, `${p}.layer_norm1`, h);
    for (const n of ['q_proj', 'k_proj', 'v_proj', 'out_proj']) addLinear(w, fill, `${p}.self_attn.${n}`, h, h);
    addNorm(w, fill, `${p}.layer_norm2`, h);
    addLinear(w, fill, `${p}.mlp.fc1`, h, c.intermediate_size);
    addLinear(w, fill, `${p}.mlp.fc2`, c.intermediate_size, h);
  }
  addNorm(w, fill, 'post_layernorm', h);
  addLinear(w, fill, 'visual_projection', h, projectionDim, false);
  return w;
}
