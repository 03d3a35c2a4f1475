/**
 * Byte-keyed trie of vocabulary pieces. While pieces are inserted, children live in one Map keyed
 * `node * 256 + byte`; on the first lookup they are compacted into flat typed arrays (children of
 * a node contiguous and sorted by byte, the root as a direct 256-entry table), because the Viterbi
 * lattice looks up a child at every step and Map lookups dominated megabyte inputs. A 250k-piece
 * vocabulary stays a few MB without per-node objects.
 */
export class ByteTrie {
  private readonly children = new Map<number, number>();
  private values: Int32Array = new Int32Array(64).fill(-1);
  private nodeCount = 1;
  private compact: { root: Int32Array; first: Int32Array; labels: Uint8Array; targets: Int32Array } | null = null;

  insert(key: Uint8Array, value: number): void {
    this.compact = null;
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
    const c = this.compact ?? this.compactChildren();
    if (node === 0) return c.root[byte];
    let lo = c.first[node];
    let hi = c.first[node + 1];
    const labels = c.labels;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      const l = labels[mid];
      if (l === byte) return c.targets[mid];
      if (l < byte) lo = mid + 1;
      else hi = mid;
    }
    return -1;
  }

  /** Value stored at `node`, or -1. */
  valueAt(node: number): number {
    return this.values[node];
  }

  private compactChildren(): NonNullable<ByteTrie['compact']> {
    const n = this.nodeCount;
    const root = new Int32Array(256).fill(-1);
    const first = new Int32Array(n + 1);
    const keys = [...this.children.keys()].sort((a, b) => a - b);
    const labels = new Uint8Array(keys.length);
    const targets = new Int32Array(keys.length);
    // Keys sorted by node * 256 + byte put each node's children together, ordered by byte.
    keys.forEach((k, i) => {
      const parent = Math.floor(k / 256);
      labels[i] = k % 256;
      targets[i] = this.children.get(k)!;
      first[parent + 1]++;
      if (parent === 0) root[k % 256] = targets[i];
    });
    for (let i = 0; i < n; i++) first[i + 1] += first[i];
    this.compact = { root, first, labels, targets };
    return this.compact;
  }
}
