import { describe, expect, it } from 'vitest';
import { type PickleDict, PickleGlobal, PickleTuple } from './PickleValue.js';
import { PickleFormatError, PickleTruncatedError } from './TorchCheckpointError.js';
import { unpickle } from './Unpickler.js';

const refuseAll = (module: string, name: string): PickleGlobal => {
  throw new Error(`refused ${module}.${name}`);
};
const hex = (s: string) => Uint8Array.from(Buffer.from(s.replace(/\s+/g, ''), 'hex'));
const load = (s: string) => unpickle(hex(s), { source: 'test', resolveGlobal: refuseAll }).value;

describe('unpickle', () => {
  // Byte strings below are what CPython 3.11 pickle.dumps(..., protocol=2) produces for each value.
  it('decodes scalars as CPython writes them', () => {
    expect(load('80024b2a2e')).toBe(42); // 42
    expect(load('80024aff7fffff2e')).toBe(-32769); // -32769
    expect(load('80028a0800000000000000802e')).toBe(-(2n ** 63n)); // -2**63
    expect(load('80028a05ffffffff002e')).toBe(2 ** 32 - 1); // 2**32-1
    expect(load('8002473ff80000000000002e')).toBe(1.5); // 1.5
    expect(load('800258040000006361666571002e')).toBe('cafe'); // 'cafe'
    expect(load('8002884e892e')).toBe(false); // hand-made: STOP returns the top of [True, None, False]
  });

  it('builds tuples, lists and dicts, with the memo', () => {
    // pickle.dumps(([1, 2], {'a': (3,)}, 'x'), 2)
    const value = load('80025d7100284b014b02657d710158010000006171024b038571037358010000007871048771052e');
    expect(value).toBeInstanceOf(PickleTuple);
    const [list, dict, x] = (value as PickleTuple).items;
    expect(list).toEqual([1, 2]);
    expect((dict as PickleDict).entries.get('a')).toEqual(new PickleTuple([3]));
    expect(x).toBe('x');
    // memo: l = []; pickle.dumps((l, l), 2) stores the list with BINPUT 0 and fetches it with BINGET 0
    const shared = load('80025d710068008671012e') as PickleTuple;
    expect(shared.items[0]).toBe(shared.items[1]);
  });

  it('refuses malformed streams with typed errors (hand-made streams)', () => {
    expect(() => load('80024b')).toThrow(PickleTruncatedError);
    expect(() => load('8002580a000000616263')).toThrow(PickleTruncatedError);
    expect(() => load('80022e')).toThrow(/stack underflow/);
    expect(() => load('8002680a2e')).toThrow(/memo index 10/);
    expect(() => load('8002ff2e')).toThrow(/unsupported opcode 0xff/);
    expect(() => load('80024b014b02612e')).toThrow(/not a list/);
    expect(() => load('8002742e')).toThrow(/MARK expected/);
    expect(() => load('80045261')).toThrow(PickleFormatError);
  });

  it('never resolves a global itself: GLOBAL goes through the allowlist callback', () => {
    expect(() => load('8002636f730a73797374656d0a2e')).toThrow(/refused os\.system/);
    const calls: string[] = [];
    const value = unpickle(hex('80026374657374730a66360a29522e'), {
      source: 'test',
      resolveGlobal: (m, n) => {
        calls.push(`${m}.${n}`);
        return new PickleGlobal(`${m}.${n}`, () => 'called');
      },
    }).value;
    expect(calls).toEqual(['tests.f6']);
    expect(value).toBe('called');
  });
});
