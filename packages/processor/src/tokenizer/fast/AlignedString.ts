/**
 * The part of `tokenizers`' `NormalizedString` that offsets need: a (normalised) string and, per UTF-16 unit, the
 * [start, end) range of the ORIGINAL input it came from (absolute UTF-16 positions in the text given to `encode`).
 *
 * Rust keeps one alignment per UTF-8 byte, but every byte of a character always shares its character's alignment,
 * so one per UTF-16 unit (both halves of a surrogate pair alike) carries the same information. The edits below
 * reproduce Rust's `transform_range` rules — including its quirks (a replaced character takes the alignment of the
 * FIRST character it replaces, so a composed `é` from `e` + U+0301 points at the `e` only) — because offsets must
 * equal the Rust library's, not an idealised mapping.
 */
export class AlignedString {
  private constructor(
    readonly text: string,
    /** Original start of each UTF-16 unit of `text`. */
    readonly starts: Int32Array,
    /** Original end of each UTF-16 unit of `text`. */
    readonly ends: Int32Array,
    /** Absolute original position of this string's own start: Rust's relative (0, 0) alignment lands here. */
    readonly base: number,
  ) {}

  /** `text` as found at `base` in the input: each unit aligned to its own character. */
  static original(text: string, base: number): AlignedString {
    const n = text.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    for (let i = 0; i < n; ) {
      const w = charWidth(text, i);
      for (let k = 0; k < w; k++) {
        starts[i + k] = base + i;
        ends[i + k] = base + i + w;
      }
      i += w;
    }
    return new AlignedString(text, starts, ends, base);
  }

  get length(): number {
    return this.text.length;
  }

  /** A slice in normalised units (Rust `NormalizedString::slice`); its base is where its first unit came from. */
  slice(start: number, end: number): AlignedString {
    const base = start < end ? this.starts[start] : this.base;
    return new AlignedString(this.text.slice(start, end), this.starts.subarray(start, end), this.ends.subarray(start, end), base);
  }

  /** Original [start, end) of the normalised units [start, end) (Rust `convert_offsets` + `expand_alignments`). */
  toOriginal(start: number, end: number): [number, number] {
    if (start >= end) return [this.base, this.base];
    return [this.starts[start], this.ends[end - 1]];
  }

  /**
   * Rust `NormalizedString::transform(dest, initial_offset)` over the whole string: `dest` lists the new characters
   * with their change (0: replaces the next old character, n > 0: inserted, −n: replaces the next character and
   * removes n more); `initialOffset` old characters are removed first. A replacing character takes the next old
   * character's alignment, an inserted one the alignment of the last old character consumed ((0, 0) at the start).
   */
  transform(dest: ReadonlyArray<readonly [string, number]>, initialOffset: number): AlignedString {
    const oldStarts: number[] = [];
    for (let i = 0; i < this.text.length; i += charWidth(this.text, i)) oldStarts.push(i);
    const parts: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    let k = initialOffset;
    for (const [c, change] of dest) {
      let s: number;
      let e: number;
      if (change > 0) {
        if (k < 1) [s, e] = [this.base, this.base];
        else [s, e] = [this.starts[oldStarts[k - 1]], this.ends[oldStarts[k - 1]]];
      } else {
        // Rust indexes alignments[idx] here and would panic past the end; the builders never get there.
        const u = oldStarts[Math.min(k, oldStarts.length - 1)];
        [s, e] = u === undefined ? [this.base, this.base] : [this.starts[u], this.ends[u]];
        k += 1 - change;
      }
      parts.push(c);
      for (let j = 0; j < c.length; j++) {
        starts.push(s);
        ends.push(e);
      }
    }
    return new AlignedString(parts.join(''), Int32Array.from(starts), Int32Array.from(ends), this.base);
  }

  /**
   * Rust `NormalizedString::replace(pattern, content)` given the matches ([start, end) in units, in order, not
   * overlapping): each match's characters are removed and `content` is inserted, every inserted unit aligned to
   * the match's last character (for an empty match at the very start, to the base).
   */
  replaceMatches(matches: Iterable<readonly [number, number]>, content: string): AlignedString {
    const parts: string[] = [];
    const starts: number[] = [];
    const ends: number[] = [];
    const copy = (a: number, b: number) => {
      if (a >= b) return;
      parts.push(this.text.slice(a, b));
      for (let i = a; i < b; i++) {
        starts.push(this.starts[i]);
        ends.push(this.ends[i]);
      }
    };
    let last = 0;
    for (const [a, b] of matches) {
      copy(last, a);
      const [s, e] = b >= 1 ? [this.starts[b - 1], this.ends[b - 1]] : [this.base, this.base];
      parts.push(content);
      for (let j = 0; j < content.length; j++) {
        starts.push(s);
        ends.push(e);
      }
      last = b;
    }
    copy(last, this.text.length);
    return new AlignedString(parts.join(''), Int32Array.from(starts), Int32Array.from(ends), this.base);
  }

  /** Rust `NormalizedString::prepend`: on a non-empty string the new units take the first character's alignment. */
  prepend(prefix: string): AlignedString {
    if (this.text.length === 0 || prefix.length === 0) return this;
    const n = prefix.length + this.text.length;
    const starts = new Int32Array(n);
    const ends = new Int32Array(n);
    starts.fill(this.starts[0], 0, prefix.length);
    ends.fill(this.ends[0], 0, prefix.length);
    starts.set(this.starts, prefix.length);
    ends.set(this.ends, prefix.length);
    return new AlignedString(prefix + this.text, starts, ends, this.base);
  }
}

function charWidth(text: string, i: number): number {
  const c = text.charCodeAt(i);
  if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
    const d = text.charCodeAt(i + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return 2;
  }
  return 1;
}
