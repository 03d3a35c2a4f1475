// Expected `return_offsets_mapping` values for the fast tokenizer (issue #13), from the npm `tokenizers` package —
// Hugging Face's Rust `tokenizers`, the library behind HF's XLMRobertaTokenizerFast, whose offsets
// `PreTrainedTokenizerFast._convert_encoding` returns as they are (the oracle's Python has no `tokenizers`, see
// ../../shared/oracle/README.md). The binding, like HF's Python, gives character (code point) offsets.
// Run from the repository root: node packages/processor/scripts/generate-offsets-fast.mjs
// It configures truncation/padding as PreTrainedTokenizerFast.set_truncation_and_padding does for each call and writes
// packages/processor/src/__fixtures__/offsets.fast.json. `offset_mapping_utf16` is the same offsets converted to
// UTF-16 string indices here, independently of the package's code (through Array.from over code points).
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(new URL('../package.json', import.meta.url));
const { Tokenizer } = require('tokenizers');
const FIXTURE = new URL('../../../fixtures/altclip-tiny/', import.meta.url);
const texts = JSON.parse(readFileSync(new URL('texts.json', FIXTURE), 'utf8'));
const load = () => Tokenizer.fromFile(new URL('tokenizer.json', FIXTURE).pathname);
const PAD = { padId: 1, padToken: '<pad>', padTypeId: 0 };

/** Code point index → UTF-16 index in `text` (the index one past the last character included). */
function toUtf16(text, offsets) {
  const starts = [0];
  for (const ch of Array.from(text)) starts.push(starts[starts.length - 1] + ch.length);
  return offsets.map(([s, e]) => [starts[s], starts[e]]);
}

const view = (e, text, pair) => {
  const offsets = e.getOffsets();
  const seq = e.getSequenceIds();
  return {
    input_ids: e.getIds(),
    tokens: e.getTokens(),
    attention_mask: e.getAttentionMask(),
    offset_mapping: offsets,
    // Each sequence's offsets index its own string; special tokens and padding are (0, 0) in both units.
    offset_mapping_utf16: offsets.map((o, i) => (seq[i] === null ? o : toUtf16(seq[i] === 1 ? pair : text, [o])[0])),
  };
};
const batchView = (encs, texts, pairs) => {
  const views = encs.map((e, i) => view(e, texts[i], pairs?.[i]));
  const out = {};
  for (const key of Object.keys(views[0])) out[key] = views.map((v) => v[key]);
  return out;
};

const cases = [];
async function single(name, args, options, setup, addTokens) {
  const tok = load();
  setup?.(tok);
  const e = await tok.encode(args[0], args[1] ?? null, { addSpecialTokens: options.addSpecialTokens !== false });
  cases.push({ name, args, options, ...(addTokens && { addTokens }), expected: view(e, args[0], args[1]) });
}
async function batch(name, args, options, setup) {
  const tok = load();
  setup?.(tok);
  // The binding's encodeBatch takes no pairs: encode each, then pad to the longest as batch padding does.
  const encs = await Promise.all(args[0].map((t, i) => tok.encode(t, args[1]?.[i] ?? null)));
  if (options.padding === true) {
    const longest = Math.max(...encs.map((e) => e.getLength()));
    for (const e of encs) e.pad(longest, { ...PAD, direction: options.paddingSide ?? 'right' });
  }
  cases.push({ name, args, options, expected: batchView(encs, args[0], args[1]) });
}

await single('plain ASCII', ['A photo of a cat sitting on a wooden table.'], {});
await single('multiple spaces (Replace " {2,}" keeps the last space)', ['a  b   c    d'], {});
await single('leading and trailing whitespace', [texts[11]], {});
await single('tabs and newlines', [texts[12]], {});
await single('accents, NFC input', ['Café crème brûlée, Zürich'], {});
await single('accents, NFD input (the composed character points at its base letter)', ['Cafe\u0301 cre\u0300me bru\u0302le\u0301e, Zu\u0308rich'], {});
await single('full-width characters (NFKC)', [texts[10]], {});
await single('ligatures and compatibility characters', ['ﬁne ﬂour ﬀ ① ㍿ Ⅻ ™'], {});
await single('emoji, ZWJ sequences, flags, skin tones', ['👩‍👩‍👧 family 🏳️‍🌈 🇩🇪 👍🏽 ok'], {});
await single('astral characters (surrogate pairs) between ASCII', ['a𠀀b 𝒜𝒷𝒸 😀x 𐍈'], {});
await single('CJK', [texts[1]], {});
await single('Japanese', [texts[2]], {});
await single('Korean', [texts[3]], {});
await single('Arabic', [texts[4]], {});
await single('Hindi', [texts[6]], {});
await single('Thai', [texts[7]], {});
await single('unknown characters (fused <unk>)', ['x ᚠᚢᚦ ꙮꙮ y 🜁🜂'], {});
await single('zero-width and soft hyphen (removed by the charsmap)', ['\u200bab\u00adcd\u200d e\ufeff'], {});
await single('<mask> (lstrip) and special tokens in the text', ['a photo of a  <mask> cat </s> x'], {});
await single('empty string', [''], {});
await single('only spaces', ['   '], {});
await single('no special tokens', ['a 😀 cat'], { addSpecialTokens: false });
await single('text_pair: each sequence indexes its own string', ['a 😀 cat', 'ein Kätzchen 🐱'], {});
await single('truncation to max_length', [texts[14]], { truncation: true, maxLength: 12 }, (t) => t.setTruncation(12));
await single('truncation, left side', [texts[8]], { truncation: true, maxLength: 6, truncationSide: 'left' }, (t) => t.setTruncation(6, { direction: 'left' }));
await single('pair truncation, longest_first', [texts[0], texts[9]], { truncation: 'longest_first', maxLength: 20 }, (t) =>
  t.setTruncation(20, { strategy: 'LongestFirst' }),
);
await single('pair truncation, only_second', ['a 😀 cat', texts[9]], { truncation: 'only_second', maxLength: 14 }, (t) =>
  t.setTruncation(14, { strategy: 'OnlySecond' }),
);
await single('padding to max_length', ['a 😀 cat'], { padding: 'max_length', maxLength: 12 }, (t) => t.setPadding({ ...PAD, maxLength: 12 }));
await single('padding to max_length, left', ['a 😀 cat'], { padding: 'max_length', maxLength: 12, paddingSide: 'left' }, (t) =>
  t.setPadding({ ...PAD, maxLength: 12, direction: 'left' }),
);
await batch('batch, padded to the longest', [[texts[0], texts[8], '', texts[9]]], { padding: true });
await batch('batch, padded left', [['a 😀 cat', texts[1]]], { padding: true, paddingSide: 'left' });
await batch('batch of pairs, padded', [['a cat', '𠀀 x'], ['ein 🐱', texts[2]]], { padding: true });
// `addTokens`: the test adds these with tokenizer.addTokens first (Rust add_tokens: normalized, not special).
await single('added token (normalized, add_tokens)', ['the new_word and ｎｅｗ＿ｗｏｒｄ 😀'], {}, (t) => t.addTokens(['new_word']), ['new_word']);

writeFileSync(
  new URL('../src/__fixtures__/offsets.fast.json', import.meta.url),
  // One case per line: small diffs when a case is added.
  `{"generator": ${JSON.stringify('packages/processor/scripts/generate-offsets-fast.mjs (npm tokenizers 0.23.2)')}, "cases": [\n${cases.map((c) => JSON.stringify(c)).join(',\n')}\n]}\n`,
);
