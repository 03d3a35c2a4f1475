/**
 * Longest-prefix matcher over user-defined pieces (sentencepiece's `PrefixMatcher`): these pieces
 * bypass normalization and always win segmentation.
 */
export class UserSymbolMatcher {
  private readonly children = new Map<number, number>();
  private readonly terminal: boolean[] = [false];

  constructor(symbols: Iterable<Uint8Array>) {
    for (const s of symbols) {
      let node = 0;
      for (const b of s) {
        const key = node * 256 + b;
        let next = this.children.get(key);
        if (next === undefined) {
          next = this.terminal.length;
          this.terminal.push(false);
          this.children.set(key, next);
        }
        node = next;
      }
      this.terminal[node] = true;
    }
  }

  get size(): number {
    return this.terminal.length - 1;
  }

  /** Length of the longest symbol at `bytes[pos]`, 0 when none. */
  longestPrefix(bytes: Uint8Array, pos: number, end: number): number {
    let node = 0;
    let best = 0;
    for (let i = pos; i < end; i++) {
      const next = this.children.get(node * 256 + bytes[i]);
      if (next === undefined) break;
      node = next;
      if (this.terminal[node]) best = i - pos + 1;
    }
    return best;
  }
}
