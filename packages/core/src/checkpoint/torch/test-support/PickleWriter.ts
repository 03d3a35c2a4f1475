// Test support only (not exported): emits pickle opcodes the way CPython's protocol-2 pickler does for torch.save.

export class PickleWriter {
  readonly #bytes: number[] = [];
  readonly #encoder = new TextEncoder();

  op(code: number, ...operand: number[]): this {
    this.#bytes.push(code, ...operand);
    return this;
  }
  proto(version = 2): this {
    return this.op(0x80, version);
  }
  mark(): this {
    return this.op(0x28);
  }
  stop(): this {
    return this.op(0x2e);
  }
  global(module: string, name: string): this {
    this.op(0x63);
    this.#bytes.push(...this.#encoder.encode(`${module}\n${name}\n`));
    return this;
  }
  str(value: string): this {
    const encoded = this.#encoder.encode(value);
    this.op(0x58, ...u32(encoded.length));
    this.#bytes.push(...encoded);
    return this;
  }
  int(value: number): this {
    if (value >= 0 && value < 256) return this.op(0x4b, value);
    if (value >= 0 && value < 65536) return this.op(0x4d, value & 0xff, value >> 8);
    return this.op(0x4a, ...u32(value >>> 0));
  }
  tuple(): this {
    return this.op(0x74);
  }
  emptyTuple(): this {
    return this.op(0x29);
  }
  emptyDict(): this {
    return this.op(0x7d);
  }
  reduce(): this {
    return this.op(0x52);
  }
  build(): this {
    return this.op(0x62);
  }
  binpersid(): this {
    return this.op(0x51);
  }
  setitems(): this {
    return this.op(0x75);
  }
  setitem(): this {
    return this.op(0x73);
  }
  newfalse(): this {
    return this.op(0x89);
  }
  none(): this {
    return this.op(0x4e);
  }
  put(index: number): this {
    return this.op(0x71, index);
  }
  get(index: number): this {
    return this.op(0x68, index);
  }
  /** An int tuple as torch writes shapes and strides. */
  ints(values: readonly number[]): this {
    this.mark();
    for (const v of values) this.int(v);
    return this.tuple();
  }
  bytes(): Uint8Array {
    return Uint8Array.from(this.#bytes);
  }
}

function u32(value: number): number[] {
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
}

export interface TensorSpec {
  readonly name: string;
  readonly storageKey: string;
  readonly storageClass?: string;
  readonly numel: number;
  readonly offset?: number;
  readonly size: readonly number[];
  readonly stride: readonly number[];
}

/** The data.pkl torch.save writes for a state_dict (a dict, or an OrderedDict carrying `_metadata`). */
export function stateDictPickle(tensors: readonly TensorSpec[], { ordered = false } = {}): Uint8Array {
  const w = new PickleWriter().proto(2);
  if (ordered) w.global('collections', 'OrderedDict').emptyTuple().reduce();
  else w.emptyDict();
  w.mark();
  for (const t of tensors) {
    w.str(t.name).global('torch._utils', '_rebuild_tensor_v2').mark();
    w.mark().str('storage').global('torch', t.storageClass ?? 'FloatStorage').str(t.storageKey).str('cpu').int(t.numel).tuple().binpersid();
    w.int(t.offset ?? 0).ints(t.size).ints(t.stride).newfalse();
    w.global('collections', 'OrderedDict').emptyTuple().reduce();
    w.tuple().reduce();
  }
  w.setitems();
  if (ordered) {
    // state = {'_metadata': OrderedDict()} → BUILD
    w.emptyDict().str('_metadata').global('collections', 'OrderedDict').emptyTuple().reduce().setitem().build();
  }
  return w.stop().bytes();
}
