import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseSentencePieceModel } from '../sentencepiece/SentencePieceModelProto.js';
import { utf8Decode, utf8Encode } from '../unicode/utf8.js';
import { CharsmapFormatError, PrecompiledCharsmap } from './PrecompiledCharsmap.js';

const model = readFileSync(new URL('../../../../../fixtures/altclip-tiny/sentencepiece.bpe.model', import.meta.url));
const charsmap = new PrecompiledCharsmap(parseSentencePieceModel(model).normalizerSpec.precompiledCharsmap);

function longest(text: string): [number, string] | null {
  const b = utf8Encode(text);
  const m = charsmap.longestPrefix(b, 0, b.length);
  return m && [m.length, utf8Decode(charsmap.replacement(m.value))];
}

describe('PrecompiledCharsmap (nmt_nfkc rules of the fixture model)', () => {
  it('applies NFKC compatibility mappings by longest prefix', () => {
    expect(longest('Ｆx')).toEqual([3, 'F']);
    expect(longest('ﬁ')).toEqual([3, 'fi']);
    expect(longest('①')).toEqual([3, '1']);
    expect(longest('e\u0301!')).toEqual([3, 'é']);
    expect(longest('abc')).toBeNull();
  });

  it('shortest-prefix lookup (HF Precompiled) differs from longest on composed sequences', () => {
    const b = utf8Encode('Ｆ\u0301');
    expect(utf8Decode(charsmap.replacement(charsmap.shortestPrefixValue(b, 0, b.length)))).toBe('F');
    expect(charsmap.shortestPrefixValue(utf8Encode('abc'), 0, 3)).toBe(-1);
  });

  it('rejects a blob whose trie size does not fit', () => {
    expect(() => new PrecompiledCharsmap(new Uint8Array([0xff, 0, 0, 0, 1, 2]))).toThrow(CharsmapFormatError);
    expect(() => new PrecompiledCharsmap(new Uint8Array([1]))).toThrow(CharsmapFormatError);
  });
});
