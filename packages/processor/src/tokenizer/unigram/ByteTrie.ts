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

  /** Child of `node` by `byte`, or -1. The root is node 0. For lattice walks without a callback per position. */
  child(node: number, byte: number): number {
    return this.children.get(node * 256 + byte) ?? -1;
  }

  /** Value stored at `node`, or -1. */
  valueAt(node: number): number {
    return this.values[node];
  }
}
