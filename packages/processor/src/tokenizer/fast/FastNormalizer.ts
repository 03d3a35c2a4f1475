import { CharsmapFormatError, PrecompiledCharsmap } from '../normalizer/PrecompiledCharsmap.js';
import { TokenizerFileError, UnsupportedTokenizerError } from '../TokenizerError.js';
import { isUnicodeWhitespace, trimEndWith, trimStartWith } from '../unicode/whitespace.js';
import { base64Decode } from './base64.js';
import { expectObject, expectString, isObject, optionalBoolean } from './jsonFields.js';
import { linearTimeRegexProblem } from './linearRegex.js';
import { PrecompiledNormalizer } from './PrecompiledNormalizer.js';
import type { NormalizerJson } from './TokenizerJson.js';

export type NormalizeFn = (text: string) => string;

const FILE = 'tokenizer.json';

/** Builds the `normalizer` of a tokenizer.json as a string function (alignments are not needed for ids). */
export function buildNormalizer(spec: NormalizerJson | null, path = 'normalizer'): NormalizeFn {
  if (spec === null || spec === undefined) return (s) => s;
  expectObject(spec, path);
  switch (spec.type) {
    case 'Sequence': {
      if (!Array.isArray(spec.normalizers)) throw new TokenizerFileError(FILE, `${path}.normalizers must be an array`);
      const steps = spec.normalizers.map((n, i) => buildNormalizer(n, `${path}.normalizers[${i}]`));
      return (s) => steps.reduce((acc, f) => f(acc), s);
    }
    case 'Precompiled': {
      // Rust's tokenizers refuses (panics on) a charsmap that is not a string; an empty one is no rule.
      if (typeof spec.precompiled_charsmap !== 'string') throw new TokenizerFileError(FILE, `${path}.precompiled_charsmap must be a base64 string`);
      let charsmap: PrecompiledCharsmap;
      try {
        charsmap = new PrecompiledCharsmap(base64Decode(spec.precompiled_charsmap));
      } catch (e) {
        const why = e instanceof CharsmapFormatError ? e.message : 'is not valid base64';
        throw new TokenizerFileError(FILE, `${path}.precompiled_charsmap ${why}`, { cause: e });
      }
      // As Rust's spm_precompiled, which reads the pool as a UTF-8 string.
      if (!charsmap.poolIsUtf8()) throw new TokenizerFileError(FILE, `${path}.precompiled_charsmap has a replacement pool that is not UTF-8`);
      const n = new PrecompiledNormalizer(charsmap);
      return (s) => n.normalize(s);
    }
    case 'Replace': {
      const { pattern, content } = spec;
      if (typeof content !== 'string' || !isObject(pattern)) throw new TokenizerFileError(FILE, `${path} needs pattern and content`);
      if (typeof pattern.String === 'string') {
        const needle = pattern.String;
        return (s) => (needle === '' ? s : s.split(needle).join(content));
      }
      if (typeof pattern.Regex === 'string') {
        const problem = linearTimeRegexProblem(pattern.Regex);
        if (problem !== null) {
          throw new UnsupportedTokenizerError(FILE, `${path}.pattern.Regex ${JSON.stringify(pattern.Regex)} is refused: ${problem} (only patterns that run in linear time are accepted)`);
        }
        let re: RegExp;
        try {
          re = new RegExp(pattern.Regex, 'gu');
        } catch (e) {
          throw new UnsupportedTokenizerError(FILE, `${path}.pattern.Regex ${JSON.stringify(pattern.Regex)} is not a JavaScript regex`, { cause: e });
        }
        return (s) => s.replace(re, () => content);
      }
      throw new TokenizerFileError(FILE, `${path}.pattern needs String or Regex`);
    }
    case 'Strip': {
      const left = optionalBoolean(spec.strip_left, `${path}.strip_left`, false);
      const right = optionalBoolean(spec.strip_right, `${path}.strip_right`, false);
      return (s) => {
        let r = s;
        if (left) r = trimStartWith(r, isUnicodeWhitespace);
        if (right) r = trimEndWith(r, isUnicodeWhitespace);
        return r;
      };
    }
    case 'Prepend': {
      const p = expectString(spec.prepend, `${path}.prepend`);
      return (s) => (s.length > 0 ? p + s : s);
    }
    default:
      throw new UnsupportedTokenizerError(FILE, `${path}.type ${JSON.stringify((spec as { type: unknown }).type)} is not supported`);
  }
}
