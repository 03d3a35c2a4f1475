/**
 * Byte-keyed trie of vocabulary pieces. Children live in one Map keyed `node * 256 + byte`, which
 * keeps a 250k-piece vocabulary to a few MB without per-node objects.
 */
export class ByteTrie {
  private readonly children = new Map<number, number>();
  private values: Int32Array = new Int32Array(64).fill(-1);
  private nodeCount = 1;

  insert(key: Uint8Array, value: number): void {
    let node = 0;
    for (const b of key) {
      const k = node * 256 + b;
      let next = this.children.get(k);
      if (next === undefined) {
        next = this.nodeCount++;
        if (next >= this.values.length) {
          const grown = new Int32Array(this.values.length * 2).fill(-1);
          grown.set(this.values);
          this.values = grown;
        }
        this.children.set(k, next);
      }
      node = next;
    }
    this.values[node] = value;
  }

  /** Calls `visit(endExclusive, value)` for each key that is a prefix of `bytes[start..end)`, shortest first. */
  forEachPrefix(bytes: Uint8Array, start: number, end: number, visit: (endPos: number, value: number) => void): void {
    let node = 0;
    for (let i = start; i < end; i++) {
      const next = this.children.get(node * 256 + bytes[i]);
      if (next === undefined) return;
      node = next;
      const v = this.values[node];
      if (v >= 0) visit(i + 1, v);
    }
  }
}
