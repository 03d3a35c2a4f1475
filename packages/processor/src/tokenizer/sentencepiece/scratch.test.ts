import { readFileSync } from 'node:fs';
import { it } from 'vitest';
import { SentencePieceProcessor } from './SentencePieceProcessor.js';
it('scratch', () => {
  const sp = SentencePieceProcessor.fromBytes(readFileSync(new URL('../../../../../fixtures/altclip-tiny/' + 'sentencepiece.bpe.model', import.meta.url)));
  const ex = JSON.parse(readFileSync(new URL('../../../../../fixtures/altclip-tiny/' + 'expected.json', import.meta.url), 'utf8'));
  console.log(sp.proto.trainerSpec, sp.proto.normalizerSpec.name, sp.proto.normalizerSpec.addDummyPrefix, sp.size);
  for (const c of ex.tokenizer_crosscheck) {
    const ids = [0, ...sp.encode(c.text).map((p) => (p.id === sp.unkId ? 3 : p.id + 1)), 2];
    const ok = JSON.stringify(ids) === JSON.stringify(c.slow_ids);
    console.log(c.index, ok, ok ? '' : JSON.stringify(ids) + ' vs ' + JSON.stringify(c.slow_ids));
  }
});
