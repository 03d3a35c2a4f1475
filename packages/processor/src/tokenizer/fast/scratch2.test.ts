import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { Tokenizer } from 'tokenizers';
import { FastTokenizerPipeline } from './FastTokenizerPipeline.js';
const F = (n: string) => new URL(`../../../../../fixtures/altclip-tiny/${n}`, import.meta.url);
it('scratch2', async () => {
  const p = new FastTokenizerPipeline(JSON.parse(readFileSync(F('tokenizer.json'), 'utf8')));
  const ex = JSON.parse(readFileSync(F('expected.json'), 'utf8'));
  for (const c of ex.tokenizer_crosscheck) {
    const ids = p.postProcessor!.apply(p.encode(c.text).ids, null);
    const ok = JSON.stringify(ids) === JSON.stringify(c.rust_tokenizers_0_23_2_ids);
    console.log(c.index, ok, ok ? '' : JSON.stringify(ids) + ' vs ' + JSON.stringify(c.rust_tokenizers_0_23_2_ids));
  }
  const rust = Tokenizer.fromFile(F('tokenizer.json').pathname);
  const extra = ['4000', '<mask> a  <mask>', ' <s>x</s> ', '\u1100\u1161\u11a8', 'e\u0301\u0301', '＜s＞', 'a\u200db', '  ', '\t', 'x\r\ny', '▁a▁'];
  for (const t of extra) {
    const r = (await rust.encode(t)).getIds();
    const m = p.postProcessor!.apply(p.encode(t).ids, null);
    console.log(JSON.stringify(t), JSON.stringify(r) === JSON.stringify(m), JSON.stringify(m), JSON.stringify(r));
    const d1 = await rust.decode(r, false); const d2 = p.decode(r, false);
    const d3 = await rust.decode(r, true); const d4 = p.decode(r, true);
    if (d1 !== d2 || d3 !== d4) console.log('DECODE DIFF', JSON.stringify([d1, d2, d3, d4]));
  }
});
