import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Tokenizer } from 'tokenizers';
import { describe, expect, it } from 'vitest';
import { UnsupportedTokenizerError } from '../TokenizerError.js';
import { FastTokenizerPipeline } from './FastTokenizerPipeline.js';
import { linearTimeRegexProblem } from './linearRegex.js';
import type { TokenizerJson } from './TokenizerJson.js';

const FIXTURE = fileURLToPath(new URL('../../../../../fixtures/altclip-tiny/', import.meta.url));

describe('Replace normalizer regexes: only linear-time patterns are run', () => {
  it.each([' {2,}', '\\s+', "''", '``', '\\r?\\n', '[\\u2000-\\u200a]+', '\\p{Zs}', 'a|b+', '^x', 'ab{2}c*', '[^\\]a]+?'])('accepts %j', (p) => {
    expect(linearTimeRegexProblem(p)).toBeNull();
  });

  it.each([
    ['(a+)+$', 'groups'],
    ['(?:a|aa)*', 'groups'],
    ['a*b', 'unbounded repetition is followed'],
    ['\\s+$', 'unbounded repetition is followed'],
    ['x+x+', 'unbounded repetition is followed'],
    ['a?a?a?a?a?a?a?aaaaaaa', 'more than 64 ways'],
    ['a{0,5000}', 'above 1000'],
    ['(.)\\1', 'groups'],
    ['a\\1', 'backreferences'],
    ['*a', 'nothing to repeat'],
    ['^*', 'quantified anchor'],
  ])('refuses %j (%s)', (p, why) => {
    expect(linearTimeRegexProblem(p)).toContain(why);
  });

  const withReplace = (regex: string, content: string): TokenizerJson => {
    const json = JSON.parse(readFileSync(`${FIXTURE}tokenizer.json`, 'utf8'));
    json.normalizer = { type: 'Sequence', normalizers: [{ type: 'Replace', pattern: { Regex: regex }, content }, json.normalizer] };
    return json;
  };

  it('a refused pattern is a typed error naming the field', () => {
    const err = (() => {
      try {
        new FastTokenizerPipeline(withReplace('(a+)+$', 'x'));
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(UnsupportedTokenizerError);
    expect((err as Error).message).toContain('normalizer.normalizers[0].pattern.Regex "(a+)+$" is refused: groups');
  });

  it('an accepted pattern (the converters\' " {2,}" → "▁") gives the Rust ids, long inputs included', async () => {
    const json = withReplace(' {2,}', '\u2581');
    const ours = new FastTokenizerPipeline(json);
    const rust = Tokenizer.fromString(JSON.stringify(json));
    const texts = ['a  b   c', '    ', 'x y', `${'a   '.repeat(50_000)}b`, ' '.repeat(100_000)];
    for (const t of texts) expect(ours.encode(t).ids).toEqual((await rust.encode(t, null, { addSpecialTokens: false })).getIds());
  });
});
