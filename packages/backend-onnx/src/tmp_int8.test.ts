import { it } from 'vitest';
import { measureParity } from './testing/fixtureParity.js';
import { createOnnxNodeBackend } from './node/createOnnxNodeBackend.js';
it('int8 variants', async () => {
  const G = globalThis as any;
  const cases: [string, RegExp | undefined, boolean][] = [
    ['base', undefined, false],
    ['emb32', undefined, true],
    ['qk32', /query|key|q_proj|k_proj/, false],
    ['proj32', /transformation|projection/, false],
    ['attn32', /attention|self_attn/, false],
    ['mlp32', /intermediate|output\.dense|mlp/, false],
  ];
  for (const [label, keep, emb] of cases) {
    G.__Q = 'int8'; G.__KEEP = keep; G.__EMB32 = emb;
    const r = await measureParity(createOnnxNodeBackend({ cacheDir: false }), { dtype: 'int8' });
    console.log(label, JSON.stringify(Object.fromEntries(Object.entries(r).filter(([k]) => /features|pooler|attentions/.test(k)).map(([k, v]) => [k.split('/').pop(), v.toExponential(2)]))));
  }
}, 120000);
