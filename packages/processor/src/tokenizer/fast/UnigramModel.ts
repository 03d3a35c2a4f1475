import { TokenizerFileError } from '../TokenizerError.js';
import { oneCharLen, utf8Decode, utf8Encode } from '../unicode/utf8.js';
import { ByteTrie } from '../unigram/ByteTrie.js';

const UNK_PENALTY = 10;

export interface WordEncoding {
  ids: number[];
  tokens: string[];
}

/**
 * `tokenizers`' `Unigram::encode_optimized`: the same lattice walk as sentencepiece but with f64
 * scores over the whole tokenizer.json vocabulary (special tokens included), which is why Viterbi
 * ties can resolve differently from the slow tokenizer. Consecutive unknown nodes are fused.
 */
export class UnigramModel {
  private readonly trie = new ByteTrie();
  private readonly tokenToIdMap = new Map<string, number>();
  private readonly scores: Float64Array;
  private readonly unkScore: number;
  private readonly cache = new Map<string, WordEncoding>();

  constructor(
    readonly vocab: ReadonlyArray<readonly [string, number]>,
    readonly unkId: number | null,
  ) {
    this.scores = new Float64Array(vocab.length);
    let min = Number.POSITIVE_INFINITY;
    vocab.forEach(([token, score], id) => {
      this.tokenToIdMap.set(token, id);
      this.trie.insert(utf8Encode(token), id);
      this.scores[id] = score;
      if (score < min) min = score;
    });
    this.unkScore = min - UNK_PENALTY;
  }

  get size(): number {
    return this.vocab.length;
  }

  tokenToId(token: string): number | undefined {
    return this.tokenToIdMap.get(token);
  }

  idToToken(id: number): string | undefined {
    return this.vocab[id]?.[0];
  }

  /** Token strings of one pre-tokenized word. */
  encodeTokens(word: string): string[] {
    const bytes = utf8Encode(word);
    const size = bytes.length;
    if (size === 0) return [];
    const best = new Float64Array(size + 1);
    const startsAt = new Int32Array(size + 1).fill(-1);
    const ids = new Int32Array(size + 1).fill(-1);
    let start = 0;
    while (start < size) {
      const tillHere = best[start];
      const mblen = Math.min(oneCharLen(bytes[start]), size - start);
      let hasSingleNode = false;
      // Inlined trie walk: no callback allocated per position.
      let node = 0;
      for (let endPos = start + 1; endPos <= size; endPos++) {
        node = this.trie.child(node, bytes[endPos - 1]);
        if (node < 0) break;
        const id = this.trie.valueAt(node);
        if (id < 0) continue;
        const candidate = this.scores[id] + tillHere;
        if (startsAt[endPos] === -1 || candidate > best[endPos]) {
          best[endPos] = candidate;
          startsAt[endPos] = start;
          ids[endPos] = id;
        }
        if (endPos - start === mblen) hasSingleNode = true;
      }
      if (!hasSingleNode) {
        if (this.unkId === null) {
          // As Rust's UnigramError::MissingUnkId: the file cannot encode this text.
          throw new TokenizerFileError('tokenizer.json', `model.unk_id is null, so text outside the vocabulary cannot be encoded (at ${JSON.stringify(word.slice(0, 40))})`);
        }
        const endPos = start + mblen;
        const candidate = this.unkScore + tillHere;
        if (startsAt[endPos] === -1 || candidate > best[endPos]) {
          best[endPos] = candidate;
          startsAt[endPos] = start;
          ids[endPos] = this.unkId;
        }
      }
      start += mblen;
    }
    const tokens: string[] = [];
    let fusedEnd = -1;
    for (let end = size; end > 0; ) {
      const s = startsAt[end];
      if (ids[end] === this.unkId) {
        if (fusedEnd < 0) fusedEnd = end;
      } else {
        if (fusedEnd >= 0) {
          tokens.push(utf8Decode(bytes.subarray(end, fusedEnd)));
          fusedEnd = -1;
        }
        tokens.push(utf8Decode(bytes.subarray(s, end)));
      }
      end = s;
    }
    if (fusedEnd >= 0) tokens.push(utf8Decode(bytes.subarray(0, fusedEnd)));
    return tokens.reverse();
  }

  /** One word: each token string looked up, unknown strings map to `unk_id` (as `Unigram::tokenize`). */
  encode(word: string): WordEncoding {
    const hit = this.cache.get(word);
    if (hit) return hit;
    const tokens = this.encodeTokens(word);
    const ids = tokens.map((t) => this.tokenToIdMap.get(t) ?? (this.unkId as number));
    // Bounded: random input must not grow the cache without limit.
    if (this.cache.size > 50_000) this.cache.clear();
    const enc = { ids, tokens };
    this.cache.set(word, enc);
    return enc;
  }
}
