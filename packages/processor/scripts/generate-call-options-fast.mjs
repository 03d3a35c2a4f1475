// Expected values for the fast tokenizer's per-call options (issue #13 item 5), from the npm `tokenizers` package
// (Hugging Face's Rust `tokenizers`, the library behind HF's XLMRobertaTokenizerFast; the oracle has no fast tokenizers).
// Run from the repository root: node packages/processor/scripts/generate-call-options-fast.mjs
// It configures truncation/padding the way PreTrainedTokenizerFast.set_truncation_and_padding does for each call
// and writes packages/processor/src/__fixtures__/call-options.fast.json.
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../package.json', import.meta.url));
const { Tokenizer } = require('tokenizers');
const FIXTURE = new URL('../../../fixtures/altclip-tiny/', import.meta.url);
const texts = JSON.parse(readFileSync(new URL('texts.json', FIXTURE), 'utf8'));
const [T0, T1, T2, T11, T13] = [texts[0], texts[1], texts[2], texts[11], texts[13]];
const load = () => Tokenizer.fromFile(new URL('tokenizer.json', FIXTURE).pathname);
const PAD = { padId: 1, padToken: '<pad>', padTypeId: 0 };

const view = (e) => ({
  input_ids: e.getIds(),
  token_type_ids: e.getTypeIds(),
  special_tokens_mask: e.getSpecialTokensMask(),
  attention_mask: e.getAttentionMask(),
  length: e.getIds().length,
});
const batchView = (encs) => {
  const out = {};
  for (const key of Object.keys(view(encs[0]))) out[key] = encs.map((e) => view(e)[key]);
  return out;
};

const cases = [];
async function single(name, args, options, setup) {
  const tok = load();
  setup?.(tok);
  cases.push({ name, args, options, expected: view(await tok.encode(args[0], args[1] ?? null)) });
}
async function batch(name, args, options, setup) {
  const tok = load();
  setup?.(tok);
  let encs;
  if (args[1]) {
    // The binding's encodeBatch takes no pairs: encode each pair, then pad to the longest as batch padding does.
    encs = await Promise.all(args[0].map((t, i) => tok.encode(t, args[1][i])));
    const longest = Math.max(...encs.map((e) => e.getLength()));
    if (options.padding) for (const e of encs) e.pad(longest, PAD);
  } else encs = await tok.encodeBatch(args[0]);
  cases.push({ name, args, options, expected: batchView(encs) });
}

await single('pair', [T0, T1], {});
await batch('pair, batch, padding', [[T0, T2], [T1, T11]], { padding: true }, (t) => t.setPadding(PAD));
await single('pair, only_second truncation', [T0, T1], { truncation: 'only_second', max_length: 36 }, (t) => t.setTruncation(36, { strategy: 'OnlySecond' }));
await single('pair, longest_first truncation', [T0, T1], { truncation: 'longest_first', max_length: 20 }, (t) => t.setTruncation(20, { strategy: 'LongestFirst' }));
await single('special tokens mask, <mask> in the text', ['a <mask> cat'], {});
await batch('batch padded (length is measured after padding)', [[T0, T1, T13]], { padding: true }, (t) => t.setPadding(PAD));
await batch('padding_side left per call', [[T0, T1]], { padding: true, padding_side: 'left' }, (t) => t.setPadding({ ...PAD, direction: 'left' }));
await batch('truncation_side left', [[T0, T1]], { truncation: true, max_length: 10, truncation_side: 'left' }, (t) => t.setTruncation(10, { direction: 'left' }));
await single('truncation_side left, pair longest_first', [T0, T1], { truncation: 'longest_first', max_length: 16, truncation_side: 'left' }, (t) => t.setTruncation(16, { direction: 'left' }));
await single('padded to max_length', [T1], { padding: 'max_length', max_length: 40 }, (t) => t.setPadding({ ...PAD, maxLength: 40 }));

// add_tokens / add_special_tokens (PreTrainedTokenizerFast._add_tokens → Rust add_tokens / add_special_tokens).
const SENTENCE = 'a hello_world_tok sat by <special_one> and <x_extra>, then <new_cls>';
const tok = load();
const added = { len_before: tok.getVocabSize(true) };
added['add_tokens(["hello_world_tok", "cat", "", "hello_world_tok"])'] = tok.addTokens(['hello_world_tok', 'cat', '', 'hello_world_tok']);
tok.addSpecialTokens(['<special_one>']);
// add_special_tokens({additional_special_tokens: ['<x_extra>'], cls_token: '<new_cls>'}) adds both as special tokens;
// the post-processor keeps its own <s>, so encodings still start with id 0.
tok.addSpecialTokens(['<x_extra>', '<new_cls>']);
added.len_after = tok.getVocabSize(true);
added.ids = Object.fromEntries(['hello_world_tok', 'cat', '<special_one>', '<x_extra>', '<new_cls>'].map((t) => [t, tok.tokenToId(t)]));
added.sentence = SENTENCE;
const enc = await tok.encode(SENTENCE);
added['encode(sentence)'] = enc.getIds();
added['tokenize(sentence)'] = (await tok.encode(SENTENCE, null, { addSpecialTokens: false })).getTokens();
added['special_tokens_mask(sentence)'] = enc.getSpecialTokensMask();

writeFileSync(
  new URL('../src/__fixtures__/call-options.fast.json', import.meta.url),
  `${JSON.stringify({ generator: 'packages/processor/scripts/generate-call-options-fast.mjs (npm tokenizers 0.23.2)', tokenizerCalls: cases, addedTokens: added }, null, 1)}\n`,
);
