import { PickleFormatError, PickleTruncatedError } from './TorchCheckpointError.js';
import { type PickleDictKey, PickleDict, PickleGlobal, PickleTuple, isBuildTarget } from './PickleValue.js';

export interface UnpicklerOptions {
  /** Used in error messages (the file or entry being read). */
  readonly source: string;
  /** Returns the allowlisted global or throws; called for GLOBAL and STACK_GLOBAL. */
  resolveGlobal(module: string, name: string): PickleGlobal;
  /** Called for BINPERSID; absent → persistent ids are refused. */
  persistentLoad?(pid: unknown): unknown;
}

export interface UnpickleResult {
  readonly value: unknown;
  /** Offset just past the STOP opcode (the legacy torch format concatenates several pickles). */
  readonly end: number;
}

// Python 2 module names torch maps to Python 3 (torch._utils IMPORT_MAPPING, the part a state_dict can use).
const IMPORT_MAPPING: Record<string, string> = { __builtin__: 'builtins', copy_reg: 'copyreg' };

const utf8 = new TextDecoder('utf-8', { fatal: true });
const MAX_LONG_BYTES = 256;
/**
 * torch.save memoises about eight objects per tensor (BAAI/AltCLIP's ~800 tensors: a few thousand entries), so
 * 262,144 allows some 30,000 tensors in one pickle. V8's Map throws a raw RangeError past 2^24 entries, and
 * filling it costs seconds; the cap keeps both typed and quick.
 */
export const MAX_MEMO_ENTRIES = 1 << 18;
const latin1 = new TextDecoder('latin1');

function isDictKey(value: unknown): value is PickleDictKey {
  return value === null || ['string', 'number', 'bigint', 'boolean'].includes(typeof value);
}

/**
 * A pickle virtual machine for the opcodes torch.save emits (protocol 2, plus the protocol 3–5 opcodes that
 * cost nothing to read). It never imports or calls anything: globals come from `resolveGlobal` (an allowlist
 * of TypeScript stand-ins) and everything else is plain data. Every length is checked against the bytes left,
 * so memory use stays proportional to the input.
 */
export function unpickle(bytes: Uint8Array, options: UnpicklerOptions, start = 0): UnpickleResult {
  const source = options.source;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const end = bytes.byteLength;
  let pos = start;
  let stack: unknown[] = [];
  const metastack: unknown[][] = [];
  const memo = new Map<number, unknown>();

  const fail = (message: string, at = pos): never => {
    throw new PickleFormatError(`${source}: ${message} (pickle offset ${at})`);
  };
  const need = (count: number, what: string): void => {
    if (count < 0) fail(`negative ${what} length ${count}`);
    if (pos + count > end) throw new PickleTruncatedError(`${source}: truncated ${what}: needs ${count} bytes, ${end - pos} left (pickle offset ${pos})`);
  };
  const u8 = (): number => {
    need(1, 'argument');
    return bytes[pos++];
  };
  const u16 = (): number => {
    need(2, 'argument');
    const v = view.getUint16(pos, true);
    pos += 2;
    return v;
  };
  const u32 = (): number => {
    need(4, 'argument');
    const v = view.getUint32(pos, true);
    pos += 4;
    return v;
  };
  const i32 = (): number => {
    need(4, 'argument');
    const v = view.getInt32(pos, true);
    pos += 4;
    return v;
  };
  const u64 = (): number => {
    need(8, 'argument');
    const v = view.getBigUint64(pos, true);
    pos += 8;
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail(`length ${v} is too large`);
    return Number(v);
  };
  const take = (count: number, what: string): Uint8Array => {
    need(count, what);
    const out = bytes.subarray(pos, pos + count);
    pos += count;
    return out;
  };
  const text = (count: number): string => {
    const raw = take(count, 'string');
    try {
      return utf8.decode(raw);
    } catch {
      return fail('string is not valid UTF-8');
    }
  };
  const line = (): string => {
    const newline = bytes.indexOf(0x0a, pos);
    if (newline < 0) throw new PickleTruncatedError(`${source}: GLOBAL operand lacks its newline (pickle offset ${pos})`);
    const raw = bytes.subarray(pos, newline);
    pos = newline + 1;
    try {
      return utf8.decode(raw);
    } catch {
      return fail('GLOBAL operand is not valid UTF-8');
    }
  };
  const pop = (): unknown => {
    if (stack.length === 0) fail('stack underflow');
    return stack.pop();
  };
  const top = (): unknown => {
    if (stack.length === 0) fail('stack underflow');
    return stack[stack.length - 1];
  };
  const popMark = (): unknown[] => {
    const items = stack;
    const previous = metastack.pop();
    if (previous === undefined) fail('MARK expected but none on the stack');
    stack = previous as unknown[];
    return items;
  };
  const memoize = (index: number, at: number): void => {
    if (memo.size >= MAX_MEMO_ENTRIES && !memo.has(index)) fail(`more than ${MAX_MEMO_ENTRIES} memo entries; no state_dict needs that many`, at);
    memo.set(index, top());
  };
  const resolve = (module: string, name: string): PickleGlobal =>
    options.resolveGlobal(IMPORT_MAPPING[module] ?? module, name);
  const setItem = (target: unknown, key: unknown, value: unknown): void => {
    if (!(target instanceof PickleDict)) fail('SETITEM(S) target is not a dict');
    if (!isDictKey(key)) fail(`unsupported dict key type ${typeof key}`);
    (target as PickleDict).entries.set(key as PickleDictKey, value);
  };
  const appendTo = (target: unknown, items: readonly unknown[]): void => {
    if (!Array.isArray(target)) fail('APPEND(S) target is not a list');
    for (const item of items) (target as unknown[]).push(item);
  };
  const call = (fn: unknown, args: unknown, opcode: string): unknown => {
    if (!(fn instanceof PickleGlobal) || fn.call === undefined) {
      fail(`${opcode} target is not an allowed callable (${fn instanceof PickleGlobal ? fn.qualifiedName : typeof fn})`);
    }
    if (!(args instanceof PickleTuple)) fail(`${opcode} arguments are not a tuple`);
    return (fn as PickleGlobal).call!((args as PickleTuple).items);
  };

  for (;;) {
    if (pos >= end) throw new PickleTruncatedError(`${source}: pickle ends without STOP (pickle offset ${pos})`);
    const opAt = pos;
    const op = bytes[pos++];
    switch (op) {
      case 0x80: {
        // PROTO
        const version = u8();
        if (version > 5) fail(`unsupported pickle protocol ${version}`, opAt);
        break;
      }
      case 0x95: // FRAME: framing is only a buffering hint
        u64();
        break;
      case 0x2e: {
        // STOP
        const value = pop();
        return { value, end: pos };
      }
      case 0x28: // MARK
        metastack.push(stack);
        stack = [];
        break;
      case 0x30: // POP
        pop();
        break;
      case 0x31: // POP_MARK
        popMark();
        break;
      case 0x32: {
        // DUP
        const a = top();
        stack.push(a);
        break;
      }
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4a: // BININT
        stack.push(i32());
        break;
      case 0x4b: // BININT1
        stack.push(u8());
        break;
      case 0x4d: // BININT2
        stack.push(u16());
        break;
      case 0x8a: // LONG1
      case 0x8b: {
        // LONG4
        const n = op === 0x8a ? u8() : i32();
        // No state_dict needs a wider integer, and BigInt arithmetic on huge operands would be slow.
        if (n > MAX_LONG_BYTES) fail(`integer of ${n} bytes is too large (max ${MAX_LONG_BYTES})`, opAt);
        const raw = take(n, 'long');
        let hex = '';
        for (let i = raw.length - 1; i >= 0; i--) hex += raw[i].toString(16).padStart(2, '0');
        let value = n === 0 ? 0n : BigInt(`0x${hex}`);
        if (n > 0 && raw[n - 1] & 0x80) value -= 1n << BigInt(8 * n);
        const small = Number(value);
        stack.push(Number.isSafeInteger(small) && BigInt(small) === value ? small : value);
        break;
      }
      case 0x47: {
        // BINFLOAT (big-endian)
        need(8, 'float');
        stack.push(view.getFloat64(pos, false));
        pos += 8;
        break;
      }
      case 0x58: // BINUNICODE
        stack.push(text(u32()));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(u8()));
        break;
      case 0x8d: // BINUNICODE8
        stack.push(text(u64()));
        break;
      case 0x55: // SHORT_BINSTRING (Python 2 str; torch decodes as text)
        stack.push(latin1.decode(take(u8(), 'string')));
        break;
      case 0x54: // BINSTRING
        stack.push(latin1.decode(take(i32(), 'string')));
        break;
      case 0x43: // SHORT_BINBYTES
        stack.push(take(u8(), 'bytes'));
        break;
      case 0x42: // BINBYTES
        stack.push(take(u32(), 'bytes'));
        break;
      case 0x29: // EMPTY_TUPLE
        stack.push(new PickleTuple([]));
        break;
      case 0x74: {
        // TUPLE (popMark replaces `stack`, so it must run before `stack.push` is evaluated)
        const items = popMark();
        stack.push(new PickleTuple(items));
        break;
      }
      case 0x85: {
        // TUPLE1
        const a = pop();
        stack.push(new PickleTuple([a]));
        break;
      }
      case 0x86: {
        // TUPLE2
        const b = pop();
        const a = pop();
        stack.push(new PickleTuple([a, b]));
        break;
      }
      case 0x87: {
        // TUPLE3
        const c = pop();
        const b = pop();
        const a = pop();
        stack.push(new PickleTuple([a, b, c]));
        break;
      }
      case 0x5d: // EMPTY_LIST
        stack.push([]);
        break;
      case 0x6c: {
        // LIST
        const items = popMark();
        stack.push(items);
        break;
      }
      case 0x61: {
        // APPEND
        const item = pop();
        appendTo(top(), [item]);
        break;
      }
      case 0x65: {
        // APPENDS
        const items = popMark();
        appendTo(top(), items);
        break;
      }
      case 0x7d: // EMPTY_DICT
        stack.push(new PickleDict());
        break;
      case 0x64: {
        // DICT
        const items = popMark();
        if (items.length % 2 !== 0) fail('DICT has an odd number of items', opAt);
        const dict = new PickleDict();
        for (let i = 0; i < items.length; i += 2) setItem(dict, items[i], items[i + 1]);
        stack.push(dict);
        break;
      }
      case 0x73: {
        // SETITEM
        const value = pop();
        const key = pop();
        setItem(top(), key, value);
        break;
      }
      case 0x75: {
        // SETITEMS
        const items = popMark();
        if (items.length % 2 !== 0) fail('SETITEMS has an odd number of items', opAt);
        const target = top();
        for (let i = 0; i < items.length; i += 2) setItem(target, items[i], items[i + 1]);
        break;
      }
      case 0x63: {
        // GLOBAL
        const module = line();
        const name = line();
        stack.push(resolve(module, name));
        break;
      }
      case 0x93: {
        // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== 'string' || typeof name !== 'string') fail('STACK_GLOBAL operands are not strings', opAt);
        stack.push(resolve(module as string, name as string));
        break;
      }
      case 0x52: {
        // REDUCE
        const args = pop();
        const fn = pop();
        stack.push(call(fn, args, 'REDUCE'));
        break;
      }
      case 0x81: {
        // NEWOBJ
        const args = pop();
        const cls = pop();
        stack.push(call(cls, args, 'NEWOBJ'));
        break;
      }
      case 0x62: {
        // BUILD
        const state = pop();
        const target = top();
        if (target instanceof PickleDict && target.ordered) {
          // OrderedDict.__reduce__ hands its __dict__ (e.g. state_dict._metadata) to BUILD.
          if (!(state instanceof PickleDict)) fail('OrderedDict BUILD state is not a dict', opAt);
          for (const [key, value] of (state as PickleDict).entries) {
            if (typeof key === 'string') target.attributes.set(key, value);
          }
        } else if (isBuildTarget(target)) {
          target.setState(state);
        } else {
          fail('BUILD target does not accept state', opAt);
        }
        break;
      }
      case 0x51: {
        // BINPERSID
        const pid = pop();
        if (!options.persistentLoad) fail('persistent id in a pickle that allows none', opAt);
        stack.push(options.persistentLoad!(pid));
        break;
      }
      case 0x68: // BINGET
      case 0x6a: {
        // LONG_BINGET
        const index = op === 0x68 ? u8() : u32();
        if (!memo.has(index)) fail(`memo index ${index} was never stored`, opAt);
        stack.push(memo.get(index));
        break;
      }
      case 0x71: // BINPUT
      case 0x72: {
        // LONG_BINPUT
        const index = op === 0x71 ? u8() : u32();
        memoize(index, opAt);
        break;
      }
      case 0x94: // MEMOIZE
        memoize(memo.size, opAt);
        break;
      default:
        fail(`unsupported opcode 0x${op.toString(16).padStart(2, '0')}`, opAt);
    }
  }
}
