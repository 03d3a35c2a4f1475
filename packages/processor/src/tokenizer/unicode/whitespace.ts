/** Python's `str.isspace()` (what `str.strip()`/`rstrip()` remove in the slow tokenizer). */
export function isPythonWhitespace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    (cp >= 0x1c && cp <= 0x20) ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Unicode White_Space, i.e. Rust's `char::is_whitespace` and regex `\s` (fast tokenizer). */
export function isUnicodeWhitespace(cp: number): boolean {
  return (
    (cp >= 0x09 && cp <= 0x0d) ||
    cp === 0x20 ||
    cp === 0x85 ||
    cp === 0xa0 ||
    cp === 0x1680 ||
    (cp >= 0x2000 && cp <= 0x200a) ||
    cp === 0x2028 ||
    cp === 0x2029 ||
    cp === 0x202f ||
    cp === 0x205f ||
    cp === 0x3000
  );
}

/** Removes trailing characters for which `isSpace` holds (code-point aware). */
export function trimEndWith(text: string, isSpace: (cp: number) => boolean): string {
  let end = text.length;
  while (end > 0) {
    const cp = text.codePointAt(end - 1)!;
    // A trailing low surrogate is never whitespace, so stepping one unit is safe.
    if (!isSpace(cp)) break;
    end--;
  }
  return text.slice(0, end);
}

export function trimStartWith(text: string, isSpace: (cp: number) => boolean): string {
  let start = 0;
  while (start < text.length && isSpace(text.charCodeAt(start))) start++;
  return text.slice(start);
}

export function trimWith(text: string, isSpace: (cp: number) => boolean): string {
  return trimEndWith(trimStartWith(text, isSpace), isSpace);
}
