import { CharsmapFormatError, PrecompiledCharsmap } from '../normalizer/PrecompiledCharsmap.js';
import { TokenizerFileError, UnsupportedTokenizerError } from '../TokenizerError.js';
import { isUnicodeWhitespace, trimEndWith, trimStartWith } from '../unicode/whitespace.js';
import type { AlignedString } from './AlignedString.js';
import { base64Decode } from './base64.js';
import { expectObject, expectString, isObject, optionalBoolean } from './jsonFields.js';
import { linearTimeRegexProblem } from './linearRegex.js';
import { PrecompiledNormalizer } from './PrecompiledNormalizer.js';
import type { NormalizerJson } from './TokenizerJson.js';

export type NormalizeFn = (text: string) => string;

/** A tokenizer.json normalizer: the plain string function (for ids) and the same edits with alignments (offsets). */
export interface Normalizer {
  normalize: NormalizeFn;
  aligned: (s: AlignedString) => AlignedString;
}

const identity: Normalizer = { normalize: (s) => s, aligned: (s) => s };

const FILE = 'tokenizer.json';

/**
 * Builds the `normalizer` of a tokenizer.json. The plain function is what ids need; `aligned` repeats the edits as
 * Rust's `NormalizedString` records them, only when offsets are asked for.
 */
export function buildNormalizer(spec: NormalizerJson | null, path = 'normalizer'): Normalizer {
  if (spec === null || spec === undefined) return identity;
  expectObject(spec, path);
  switch (spec.type) {
    case 'Sequence': {
      if (!Array.isArray(spec.normalizers)) throw new TokenizerFileError(FILE, `${path}.normalizers must be an array`);
      const steps = spec.normalizers.map((n, i) => buildNormalizer(n, `${path}.normalizers[${i}]`));
      return { normalize: (s) => steps.reduce((acc, f) => f.normalize(acc), s), aligned: (s) => steps.reduce((acc, f) => f.aligned(acc), s) };
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
      return {
        normalize: (s) => n.normalize(s),
        aligned: (s) => {
          const edits = n.transformations(s.text);
          return edits === null ? s : s.transform(edits, 0);
        },
      };
    }
    case 'Replace': {
      const { pattern, content } = spec;
      if (typeof content !== 'string' || !isObject(pattern)) throw new TokenizerFileError(FILE, `${path} needs pattern and content`);
      if (typeof pattern.String === 'string') {
        const needle = pattern.String;
        return {
          normalize: (s) => (needle === '' ? s : s.split(needle).join(content)),
          aligned: (s) => (needle === '' ? s : s.replaceMatches(stringMatches(s.text, needle), content)),
        };
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
        return {
          normalize: (s) => s.replace(re, () => content),
          aligned: (s) => s.replaceMatches(Array.from(s.text.matchAll(re), (m) => [m.index, m.index + m[0].length] as const), content),
        };
      }
      throw new TokenizerFileError(FILE, `${path}.pattern needs String or Regex`);
    }
    case 'Strip': {
      const left = optionalBoolean(spec.strip_left, `${path}.strip_left`, false);
      const right = optionalBoolean(spec.strip_right, `${path}.strip_right`, false);
      const strip = (s: string): [number, number] => {
        const start = left ? s.length - trimStartWith(s, isUnicodeWhitespace).length : 0;
        const end = right ? trimEndWith(s, isUnicodeWhitespace).length : s.length;
        return [start, Math.max(start, end)];
      };
      return {
        normalize: (s) => s.slice(...strip(s)),
        // Rust's lrstrip keeps each remaining character with its own alignment: a slice.
        aligned: (s) => s.slice(...strip(s.text)),
      };
    }
    case 'Prepend': {
      const p = expectString(spec.prepend, `${path}.prepend`);
      return { normalize: (s) => (s.length > 0 ? p + s : s), aligned: (s) => s.prepend(p) };
    }
    default:
      throw new UnsupportedTokenizerError(FILE, `${path}.type ${JSON.stringify((spec as { type: unknown }).type)} is not supported`);
  }
}

/** Non-overlapping occurrences of `needle`, left to right (what `split(needle)` cuts at). */
function* stringMatches(text: string, needle: string): Generator<readonly [number, number]> {
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) yield [i, i + needle.length];
}
