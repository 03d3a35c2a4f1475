import type { AddedTokenSpec } from '../TokenizerConfig.js';
import { isPythonWhitespace, trimEndWith, trimStartWith } from '../unicode/whitespace.js';

/**
 * transformers' slow `PreTrainedTokenizer.tokenize` splitting: cut the text at added tokens
 * (leftmost, longest first, as `Trie.split`), drop empty pieces, then apply each token's
 * `rstrip`/`lstrip` to its neighbours with Python's `str.strip` whitespace and `single_word`
 * by gluing. Returns pieces tagged as added tokens or plain text.
 */
export function splitOnAddedTokens(text: string, added: ReadonlyMap<string, AddedTokenSpec>): Array<{ text: string; added: boolean }> {
  if (added.size === 0 || text.length === 0) return text.length === 0 ? [] : [{ text, added: false }];
  const byFirstUnit = candidatesByFirstUnit(added);
  const pieces: string[] = [];
  let last = 0;
  let i = 0;
  while (i < text.length) {
    const hit = byFirstUnit.get(text.charCodeAt(i))?.find((c) => text.startsWith(c, i));
    if (hit === undefined) {
      i++;
      continue;
    }
    if (i > last) pieces.push(text.slice(last, i));
    pieces.push(hit);
    i += hit.length;
    last = i;
  }
  if (last < text.length) pieces.push(text.slice(last));

  for (let k = 0; k < pieces.length; k++) {
    const tok = added.get(pieces[k]);
    if (!tok) continue;
    const left = k > 0 ? pieces[k - 1] : null;
    const right = k < pieces.length - 1 ? pieces[k + 1] : null;
    if (tok.rstrip && right) pieces[k + 1] = trimStartWith(right, isPythonWhitespace);
    if (tok.lstrip && left) pieces[k - 1] = trimEndWith(left, isPythonWhitespace);
    if (tok.singleWord && left && left[left.length - 1] !== ' ') {
      pieces[k - 1] += pieces[k];
      pieces[k] = '';
    } else if (tok.singleWord && right && right[0] !== ' ') {
      pieces[k] += right;
      pieces[k + 1] = '';
    }
  }
  return pieces.filter((p) => p.length > 0).map((p) => ({ text: p, added: added.has(p) }));
}

// Built once per added-token map (and again if it grows), not per call: a config may list many tokens.
const candidateCache = new WeakMap<ReadonlyMap<string, AddedTokenSpec>, { size: number; byFirstUnit: Map<number, string[]> }>();

/** Candidates by first UTF-16 unit, longest first: each position tries only the tokens that can start there. */
function candidatesByFirstUnit(added: ReadonlyMap<string, AddedTokenSpec>): Map<number, string[]> {
  const hit = candidateCache.get(added);
  if (hit && hit.size === added.size) return hit.byFirstUnit;
  const byFirstUnit = new Map<number, string[]>();
  for (const c of [...added.keys()].filter((c) => c.length > 0).sort((a, b) => b.length - a.length)) {
    const list = byFirstUnit.get(c.charCodeAt(0));
    if (list) list.push(c);
    else byFirstUnit.set(c.charCodeAt(0), [c]);
  }
  candidateCache.set(added, { size: added.size, byFirstUnit });
  return byFirstUnit;
}
