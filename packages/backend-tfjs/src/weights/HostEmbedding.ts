/**
 * The word-embedding table kept in JavaScript memory, outside tfjs. For XLM-R it is
 * 250 002 × 1024 floats (1 GB): on the device it would take a quarter of the wasm
 * runtime's 4 GB heap or a GPU texture, and only batch·seq rows are read per forward,
 * so a host-side copy of those rows is cheaper than holding the table on the device.
 * It also keeps vocabulary ids off WebGL's half-float textures (exact only to 2048).
 */
export class HostEmbedding {
  constructor(
    private readonly table: Float32Array,
    readonly rows: number,
    readonly hidden: number,
  ) {}

  /** Rows for already range-checked ids, as a flat [ids.length, hidden] array. */
  lookup(ids: Int32Array): Float32Array {
    const h = this.hidden;
    const out = new Float32Array(ids.length * h);
    for (let i = 0; i < ids.length; i++) out.set(this.table.subarray(ids[i] * h, ids[i] * h + h), i * h);
    return out;
  }
}
