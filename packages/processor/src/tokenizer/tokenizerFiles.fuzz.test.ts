import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'tokenizers';
import { describe, expect, it } from 'vitest';
import type { PreTrainedTokenizerBase } from './PreTrainedTokenizerBase.js';
import { PieceType, parseSentencePieceModel, type SentencePieceModelProto } from './sentencepiece/SentencePieceModelProto.js';
import { TokenizerError, type TokenizerFileError } from './TokenizerError.js';
import { allocatedBytes, damageText, FUZZ_COUNT, fuzzSeed, int, mutateBytes, mutateJsonTree, pick, type Rand, randomJson, randomPiece } from './test-support/fuzz.js';
import { rng } from './test-support/randomText.js';
import { writeSentencePieceModel } from './test-support/sentencePieceWriter.js';
import { XLMRobertaTokenizer } from './XLMRobertaTokenizer.js';
import { XLMRobertaTokenizerFast } from './XLMRobertaTokenizerFast.js';

const FIXTURE = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
const fixtureJson = JSON.parse(readFileSync(`${FIXTURE}tokenizer.json`, 'utf8'));
const CHARSMAP_B64: string = fixtureJson.normalizer.normalizers[0].precompiled_charsmap;
const CHARSMAP = parseSentencePieceModel(readFileSync(`${FIXTURE}sentencepiece.bpe.model`)).normalizerSpec.precompiledCharsmap;
const TEXTS = ['a photo of a cat', 'Zürich  ж世😀 <mask> </s>', '\u0000\ud800 e\u0301 ▁▁', ''];
/** Allocation bound for a whole run: the inputs are at most ~300 kB, so a parser that allocates
 * what a hostile length field declares (up to 2^64) would blow far past this. */
const MAX_GROWTH = 512 * 1024 * 1024;

/** Each input has its own generator, so a failure is reproduced from (seed, index) alone. */
const inputRng = (seed: number, i: number): Rand => rng((seed ^ Math.imul(i + 1, 0x9e3779b1)) >>> 0);

/**
 * Ids are in the vocabulary (`inVocab`), or at least non-negative integers: a tokenizer.json
 * post-processor may name any id, and Rust emits it as it is.
 */
function checkIds(tok: PreTrainedTokenizerBase, where: string, inVocab = true): void {
  for (const t of TEXTS) {
    const ids = tok.encode(t);
    for (const id of ids) {
      if (!(Number.isInteger(id) && id >= 0 && (!inVocab || id < tok.length))) throw new Error(`${where}: id ${id} of ${JSON.stringify(t)} is outside 0..${tok.length - 1}`);
    }
    tok.decode(ids);
  }
}

/** Runs `count` inputs; returns failures (untyped errors or failed checks) and counts by outcome. */
async function fuzz(count: number, one: (i: number) => Promise<string>): Promise<{ failures: string[]; outcomes: Map<string, number> }> {
  const failures: string[] = [];
  const outcomes = new Map<string, number>();
  const base = allocatedBytes();
  let peak = 0;
  for (let i = 0; i < count; i++) {
    let outcome: string;
    try {
      outcome = await one(i);
    } catch (e) {
      if (e instanceof TokenizerError) outcome = `${e.name}: ${(e as TokenizerFileError).file ?? ''}`;
      else {
        failures.push(`input ${i}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`.slice(0, 400));
        outcome = 'FAILED';
      }
    }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    if (i % 50 === 0) peak = Math.max(peak, allocatedBytes() - base);
  }
  expect(peak, 'allocation growth during the run').toBeLessThan(MAX_GROWTH);
  return { failures, outcomes };
}

function randomModel(r: Rand): SentencePieceModelProto {
  const seen = new Set(['<unk>', '<s>', '</s>']);
  const pieces: SentencePieceModelProto['pieces'] = [
    { piece: '<unk>', score: 0, type: PieceType.unknown },
    { piece: '<s>', score: 0, type: PieceType.control },
    { piece: '</s>', score: 0, type: PieceType.control },
  ];
  for (let n = int(r, 3, 60); n > 0; n--) {
    const piece = (r() < 0.4 ? '▁' : '') + randomPiece(r).replace(/[\ud800-\udfff]/g, 'x');
    if (seen.has(piece)) continue;
    seen.add(piece);
    pieces.push({ piece, score: Math.fround(-r() * 20), type: pick(r, [PieceType.normal, PieceType.normal, PieceType.normal, PieceType.userDefined, PieceType.unused]) });
  }
  return {
    pieces,
    trainerSpec: {
      modelType: pick(r, [1, 1, 1, 1, 1, 2]),
      vocabSize: pieces.length,
      treatWhitespaceAsSuffix: r() < 0.1,
      byteFallback: r() < 0.03,
      unkId: 0,
      bosId: 1,
      eosId: 2,
      padId: -1,
      unkPiece: '<unk>',
      bosPiece: '<s>',
      eosPiece: '</s>',
      padPiece: '<pad>',
    },
    normalizerSpec: {
      name: 'nmt_nfkc',
      precompiledCharsmap: r() < 0.08 ? CHARSMAP : new Uint8Array(0),
      addDummyPrefix: r() < 0.8,
      removeExtraWhitespaces: r() < 0.8,
      escapeWhitespaces: r() < 0.9,
    },
  };
}

function randomTokenizerJson(r: Rand): Record<string, unknown> {
  const vocab: Array<[string, number]> = [['<s>', 0], ['<pad>', 0], ['</s>', 0], ['<unk>', 0]];
  const seen = new Set(vocab.map((v) => v[0]));
  for (let n = int(r, 3, 60); n > 0; n--) {
    const piece = (r() < 0.4 ? '▁' : '') + randomPiece(r).replace(/[\ud800-\udfff]/g, 'x');
    if (!seen.has(piece)) vocab.push([piece, -r() * 15]);
    seen.add(piece);
  }
  const precompiled = r() < 0.04 ? { type: 'Precompiled', precompiled_charsmap: CHARSMAP_B64 } : { type: 'Strip', strip_left: false, strip_right: true };
  const metaspace = { type: 'Metaspace', replacement: '▁', add_prefix_space: true, prepend_scheme: pick(r, ['always', 'first', 'never']), split: r() < 0.8 };
  const added = vocab.slice(0, 4).map(([content], id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }));
  added.push({ id: vocab.length, content: '<mask>', single_word: false, lstrip: true, rstrip: false, normalized: false, special: true });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: added,
    normalizer: pick(r, [
      null,
      precompiled,
      { type: 'Sequence', normalizers: [{ type: 'Replace', pattern: { String: '``' }, content: '"' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: '▁' }, precompiled] },
      { type: 'Strip', strip_left: true, strip_right: r() < 0.5 },
      { type: 'Prepend', prepend: '▁' },
    ]),
    pre_tokenizer: r() < 0.8 ? metaspace : { type: 'Sequence', pretokenizers: [metaspace] },
    post_processor:
      r() < 0.5
        ? { type: 'RobertaProcessing', sep: ['</s>', 2], cls: ['<s>', 0], trim_offsets: true, add_prefix_space: true }
        : {
            type: 'TemplateProcessing',
            single: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }],
            pair: [{ SpecialToken: { id: '<s>', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '</s>', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: '</s>', type_id: 1 } }],
            special_tokens: { '<s>': { id: '<s>', ids: [0], tokens: ['<s>'] }, '</s>': { id: '</s>', ids: [2], tokens: ['</s>'] } },
          },
    decoder: { ...metaspace, split: undefined },
    model: { type: 'Unigram', unk_id: 3, vocab, byte_fallback: false },
  };
}

const report = (name: string, seed: number, outcomes: Map<string, number>) =>
  console.log(`fuzz ${name}: ${FUZZ_COUNT} inputs, seed ${seed} (ALTCLIP_FUZZ_SEED reproduces, input index in failures): ${JSON.stringify(Object.fromEntries(outcomes))}`);

describe(`fuzz: tokenizer files (${FUZZ_COUNT} inputs per parser)`, () => {
  it('sentencepiece.bpe.model (protobuf): typed error or a model that round-trips and encodes in range', async () => {
    const seed = fuzzSeed(0x5e9_1ece);
    const { failures, outcomes } = await fuzz(FUZZ_COUNT, async (i) => {
      const r = inputRng(seed, i);
      const model = randomModel(r);
      const pristine = r() < 0.15;
      const bytes = pristine ? writeSentencePieceModel(model) : mutateBytes(r, writeSentencePieceModel(model), int(r, 1, 3));
      const tok = await XLMRobertaTokenizer.fromPretrained({ files: { 'sentencepiece.bpe.model': bytes } });
      tok.logger = { warn() {} };
      const proto = tok.spModel.proto;
      // Round trip: what was read, written again, reads back the same; an unmutated file reads back
      // exactly what was generated.
      // (The charsmap is compared as bytes: a deep equal walks 240 kB element by element.)
      const same = (a: SentencePieceModelProto, b: SentencePieceModelProto) => {
        expect(Buffer.compare(a.normalizerSpec.precompiledCharsmap, b.normalizerSpec.precompiledCharsmap), `input ${i}`).toBe(0);
        const strip = (m: SentencePieceModelProto) => ({ ...m, normalizerSpec: { ...m.normalizerSpec, precompiledCharsmap: null } });
        expect(strip(a), `input ${i}`).toEqual(strip(b));
      };
      same(parseSentencePieceModel(writeSentencePieceModel(proto)), proto);
      if (pristine) same(proto, model);
      checkIds(tok, `input ${i}`);
      return pristine ? 'ok (unmutated, equal to the generated model)' : 'ok (mutated)';
    });
    report('sentencepiece.bpe.model', seed, outcomes);
    expect(failures.slice(0, 10), `seed ${seed}`).toEqual([]);
  }, 600_000);

  it('tokenizer.json: typed error, or ids equal to Rust tokenizers whenever Rust accepts the file too', async () => {
    const seed = fuzzSeed(0x70c_15e2);
    const { failures, outcomes } = await fuzz(FUZZ_COUNT, async (i) => {
      const r = inputRng(seed, i);
      const json = randomTokenizerJson(r);
      const k = r();
      if (k > 0.2 && k < 0.85) mutateJsonTree(r, json, int(r, 1, 3));
      const text = k >= 0.85 ? damageText(r, JSON.stringify(json)) : JSON.stringify(json);
      const tok = await XLMRobertaTokenizerFast.fromPretrained({ files: { 'tokenizer.json': text } });
      tok.logger = { warn() {} };
      checkIds(tok, `input ${i}`, false);
      // The Rust binding aborts the whole process (a panic, not an exception) on charsmaps it cannot
      // parse, so it is only asked about files whose charsmap is the fixture's or absent.
      const charsmaps: unknown[] = [];
      const walk = (n: unknown): void => {
        if (Array.isArray(n)) n.forEach(walk);
        else if (n && typeof n === 'object') {
          if ((n as { type?: unknown }).type === 'Precompiled') charsmaps.push((n as { precompiled_charsmap?: unknown }).precompiled_charsmap);
          Object.values(n).forEach(walk);
        }
      };
      walk((JSON.parse(text) as { normalizer?: unknown }).normalizer);
      if (charsmaps.some((c) => c !== CHARSMAP_B64)) return 'ok (Rust not asked: another charsmap)';
      let rust: Tokenizer;
      try {
        rust = Tokenizer.fromString(text);
      } catch {
        return 'ok (Rust refuses the file)';
      }
      for (const t of TEXTS) {
        let want: number[] | string;
        try {
          want = (await rust.encode(t)).getIds();
        } catch (e) {
          want = `Rust error ${(e as Error).message}`;
        }
        let got: number[] | string;
        try {
          got = tok.encode(t);
        } catch (e) {
          if (!(e instanceof TokenizerError)) throw e;
          got = `Rust error ${(e as Error).message}`;
        }
        if (typeof want === 'string' && typeof got === 'string') continue;
        expect(got, `input ${i} ${JSON.stringify(t)}`).toEqual(want);
      }
      return 'ok (ids equal Rust)';
    });
    report('tokenizer.json', seed, outcomes);
    expect(failures.slice(0, 10), `seed ${seed}`).toEqual([]);
  }, 600_000);

  it('tokenizer_config.json + special_tokens_map.json: typed error, or special tokens that resolve inside the vocabulary', async () => {
    const seed = fuzzSeed(0xc0_f1c);
    const r0 = rng(seed);
    const tokenizerJson = JSON.stringify(randomTokenizerJson(r0));
    const spModel = writeSentencePieceModel({ ...randomModel(r0), trainerSpec: { ...randomModel(r0).trainerSpec, modelType: 1, byteFallback: false } });
    const NAMES = ['bos_token', 'eos_token', 'unk_token', 'sep_token', 'pad_token', 'cls_token', 'mask_token'];
    const token = (r: Rand): unknown =>
      r() < 0.5
        ? pick(r, ['<s>', '</s>', '<unk>', '<pad>', '<mask>', randomPiece(r)])
        : { content: pick(r, ['<s>', '</s>', '<mask>', randomPiece(r)]), lstrip: r() < 0.3, rstrip: r() < 0.3, single_word: r() < 0.1, normalized: r() < 0.3, special: r() < 0.8 };
    const { failures, outcomes } = await fuzz(FUZZ_COUNT, async (i) => {
      const r = inputRng(seed, i);
      const config: Record<string, unknown> = { model_max_length: pick(r, [512, 64, 1e30, 1]), clean_up_tokenization_spaces: r() < 0.5, padding_side: pick(r, ['left', 'right']), tokenizer_class: 'XLMRobertaTokenizer' };
      const map: Record<string, unknown> = {};
      for (const name of NAMES) {
        if (r() < 0.5) config[name] = token(r);
        if (r() < 0.3) map[name] = token(r);
      }
      if (r() < 0.3) config.additional_special_tokens = Array.from({ length: int(r, 0, 3) }, () => token(r));
      if (r() < 0.4) {
        const dec: Record<string, unknown> = {};
        for (let n = int(r, 0, 4); n > 0; n--) dec[String(pick(r, [0, 1, 2, 3, int(r, 4, 80), 250_000]))] = token(r);
        config.added_tokens_decoder = dec;
      }
      const k = r();
      if (k > 0.3 && k < 0.85) mutateJsonTree(r, r() < 0.5 ? config : map, int(r, 1, 3));
      let configText = JSON.stringify(config);
      if (k >= 0.85) configText = damageText(r, configText);
      if (r() < 0.1) configText = JSON.stringify(randomJson(r));
      const files = { 'tokenizer.json': tokenizerJson, 'sentencepiece.bpe.model': spModel, 'tokenizer_config.json': configText, 'special_tokens_map.json': JSON.stringify(map) };
      const slow = await XLMRobertaTokenizer.fromPretrained({ files });
      const fast = await XLMRobertaTokenizerFast.fromPretrained({ files });
      // What was loaded, read independently of the parser: model_max_length as the file says (HF's
      // 1e30 when absent), every special token resolves to an id inside the vocabulary.
      const loaded = JSON.parse(configText) as Record<string, unknown>;
      for (const tok of [slow, fast]) {
        tok.logger = { warn() {} };
        const mml = loaded.model_max_length;
        expect(tok.modelMaxLength, `input ${i}`).toBe(mml === undefined || mml === null ? 1e30 : mml);
        for (const name of NAMES) {
          const raw = map[name] ?? loaded[name];
          const content = typeof raw === 'string' ? raw : (raw as { content?: unknown } | undefined)?.content;
          if (typeof content !== 'string') continue;
          const id = tok.convertTokensToIds(content);
          expect(Number.isInteger(id) && id >= 0 && id < tok.length, `input ${i} ${name} ${JSON.stringify(content)} → ${id} (${tok.source})`).toBe(true);
        }
        checkIds(tok, `input ${i} (${tok.source})`);
      }
      return 'ok';
    });
    report('tokenizer_config.json', seed, outcomes);
    expect(failures.slice(0, 10), `seed ${seed}`).toEqual([]);
  }, 600_000);
});
