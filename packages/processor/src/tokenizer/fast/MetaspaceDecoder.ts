import type { PrependScheme } from './MetaspacePreTokenizer.js';

/**
 * `tokenizers`' Metaspace decoder: every replacement character becomes a space, except in the
 * first token (whatever it is, a special token included) where they are dropped unless the
 * prepend scheme is `never`.
 */
export function metaspaceDecode(tokens: readonly string[], replacement: string, prependScheme: PrependScheme): string {
  let out = '';
  tokens.forEach((token, i) => {
    const sub = i === 0 && prependScheme !== 'never' ? '' : ' ';
    out += token.split(replacement).join(sub);
  });
  return out;
}
