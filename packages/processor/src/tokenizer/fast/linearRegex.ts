/**
 * Decides whether a `Replace` normalizer's regex can run on JavaScript's backtracking engine in time
 * linear in the input. tokenizer.json comes from wherever the model came from, and a pattern such
 * as `(a+)+$` or even `\s+$` backtracks exponentially or quadratically on a hostile text; Rust's
 * `tokenizers` (Oniguruma, also backtracking) has the same exposure. Instead of running an unsafe
 * pattern, the loader refuses it; what is accepted is a small subset that covers the patterns real
 * converters write (` {2,}`, `\s+`, `''`, `\r?\n`):
 *
 * - top-level alternatives of sequences of single-character atoms (a literal, an escape such as
 *   `\s` / `\d` / `\p{…}`, `.`, a class `[…]`) and the anchors `^ $ \b \B`; no groups, no
 *   backreferences, no lookaround;
 * - in each alternative only the LAST atom may repeat without bound (then nothing that could fail
 *   follows the run it consumes); the other atoms' bounded repetitions multiply to at most
 *   `MAX_BACKTRACK` ways per start position, and every repetition count is at most `MAX_COUNT`.
 *
 * Then each match attempt costs O(MAX_BACKTRACK × pattern length) plus the run it consumes and
 * replaces, so a global replace is linear. Returns null when safe, else the reason.
 */
export const MAX_BACKTRACK = 64;
export const MAX_COUNT = 1000;

export function linearTimeRegexProblem(pattern: string): string | null {
  let i = 0;
  let ways = 1;
  let lastUnbounded = false;
  const n = pattern.length;
  while (i <= n) {
    if (i === n || pattern[i] === '|') {
      // End of an alternative.
      ways = 1;
      lastUnbounded = false;
      i++;
      continue;
    }
    if (lastUnbounded) return 'an unbounded repetition is followed by more pattern (backtracking)';
    const c = pattern[i];
    let zeroWidth = false;
    if (c === '(' || c === ')') return 'groups are not supported';
    if (c === '*' || c === '+' || c === '?' || c === '{') return `a quantifier at offset ${i} has nothing to repeat`;
    if (c === '^' || c === '$') {
      zeroWidth = true;
      i++;
    } else if (c === '\\') {
      const e = pattern[i + 1];
      if (e === undefined) return 'the pattern ends with a backslash';
      if (/[1-9k]/.test(e)) return 'backreferences are not supported';
      if (e === 'b' || e === 'B') zeroWidth = true;
      if (e === 'p' || e === 'P' || (e === 'u' && pattern[i + 2] === '{')) {
        const close = pattern.indexOf('}', i);
        if (close < 0) return `an unterminated escape at offset ${i}`;
        i = close + 1;
      } else if (e === 'u') i += 6;
      else if (e === 'x') i += 4;
      else if (e === 'c') i += 3;
      else i += 2;
    } else if (c === '[') {
      let j = i + 1;
      if (pattern[j] === '^') j++;
      if (pattern[j] === ']') j++;
      while (j < n && pattern[j] !== ']') j += pattern[j] === '\\' ? 2 : 1;
      if (j >= n) return `an unterminated character class at offset ${i}`;
      i = j + 1;
    } else {
      i += c.codePointAt(0)! > 0xffff ? 2 : 1;
    }
    // Optional quantifier.
    let min = 1;
    let max = 1;
    const q = pattern[i];
    if (q === '*' || q === '+' || q === '?') {
      min = q === '+' ? 1 : 0;
      max = q === '?' ? 1 : Number.POSITIVE_INFINITY;
      i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(pattern.slice(i, i + 24));
      if (m) {
        min = Number(m[1]);
        max = m[2] === undefined ? min : m[3] === '' ? Number.POSITIVE_INFINITY : Number(m[3]);
        i += m[0].length;
      }
    }
    if (min !== 1 || max !== 1) {
      if (zeroWidth) return 'a quantified anchor is not supported';
      if (pattern[i] === '?') i++; // lazy
      if (min > MAX_COUNT || (max !== Number.POSITIVE_INFINITY && max > MAX_COUNT)) return `a repetition count above ${MAX_COUNT}`;
      if (max === Number.POSITIVE_INFINITY) lastUnbounded = true;
      else {
        ways *= max - min + 1;
        if (ways > MAX_BACKTRACK) return `bounded repetitions allow more than ${MAX_BACKTRACK} ways to match at one position`;
      }
    }
  }
  return null;
}
