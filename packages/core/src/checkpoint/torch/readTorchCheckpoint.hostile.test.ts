import { describe, expect, it } from 'vitest';
import { readTorchCheckpoint } from './readTorchCheckpoint.js';
import { PickleWriter, stateDictPickle } from './test-support/PickleWriter.js';
import { writeStoredZip } from './test-support/writeStoredZip.js';
import { PickleFormatError, TorchCheckpointError } from './TorchCheckpointError.js';
import { MAX_MEMO_ENTRIES } from './Unpickler.js';

function checkpoint(pickle: Uint8Array, storages: Record<string, Uint8Array> = { '0': new Uint8Array(24) }): Uint8Array {
  return writeStoredZip([
    { name: 'archive/data.pkl', data: pickle },
    ...Object.entries(storages).map(([key, data]) => ({ name: `archive/data/${key}`, data })),
    { name: 'archive/version', data: new TextEncoder().encode('3\n') },
  ]);
}

/**
 * Pushes a "billion laughs" list: level 0 holds `width` ints, each next level `width` references (BINGET) to
 * the previous one. Ten levels of ten: 10^10 leaves from a few hundred bytes.
 */
function laughs(w: PickleWriter, levels = 10, width = 10): PickleWriter {
  w.op(0x5d).mark(); // EMPTY_LIST, MARK
  for (let i = 0; i < width; i++) w.int(1);
  w.op(0x65).put(0); // APPENDS, BINPUT 0
  for (let level = 1; level < levels; level++) {
    w.op(0x30).op(0x5d).mark(); // POP the previous level (it stays reachable through the memo), EMPTY_LIST, MARK
    for (let i = 0; i < width; i++) w.get(level - 1);
    w.op(0x65).put(level);
  }
  return w;
}

/** {'w': _rebuild_tensor_v2(storage(numel), 0, size, stride, False, OrderedDict())} with the given pieces. */
function tensorPickle(numel: (w: PickleWriter) => void, size: (w: PickleWriter) => void): Uint8Array {
  const w = new PickleWriter().proto(2).emptyDict().str('w').global('torch._utils', '_rebuild_tensor_v2').mark();
  w.mark().str('storage').global('torch', 'FloatStorage').str('0').str('cpu');
  numel(w);
  w.tuple().binpersid().int(0);
  size(w);
  w.ints([1]).newfalse().global('collections', 'OrderedDict').emptyTuple().reduce().tuple().reduce().setitem();
  return w.stop().bytes();
}

describe('readTorchCheckpoint on hostile pickles: typed errors, short messages, no blow-up', () => {
  it('a billion-laughs list as the storage size', async () => {
    const pickle = tensorPickle((w) => laughs(w), (w) => w.ints([6]));
    expect(pickle.length).toBeLessThan(900);
    const error = await readTorchCheckpoint(checkpoint(pickle)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PickleFormatError);
    expect((error as Error).message).toMatch(/storage '0' declares a list of 10 items elements$/);
  });

  it('a billion-laughs list inside the shape', async () => {
    const pickle = tensorPickle((w) => w.int(6), (w) => laughs(w.mark()).tuple());
    const error = await readTorchCheckpoint(checkpoint(pickle)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TorchCheckpointError);
    expect((error as Error).message).toMatch(/tensor size contains a list of 10 items; expected non-negative integers$/);
  });

  it('a list nested 100,000 deep as the storage size (a recursive printer would overflow the stack)', async () => {
    const depth = 100_000;
    const marker = tensorPickle((w) => w.op(0xff), (w) => w.ints([6]));
    const at = marker.indexOf(0xff);
    // EMPTY_LIST × depth, then APPEND × (depth − 1): each list into the one below it.
    const nested = new Uint8Array(2 * depth - 1).fill(0x5d, 0, depth).fill(0x61, depth);
    const pickle = new Uint8Array(marker.length - 1 + nested.length);
    pickle.set(marker.subarray(0, at));
    pickle.set(nested, at);
    pickle.set(marker.subarray(at + 1), at + nested.length);
    const error = await readTorchCheckpoint(checkpoint(pickle)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PickleFormatError);
    expect((error as Error).message).toMatch(/declares a list of 1 items elements$/);
  });

  it('more memo entries than any state_dict needs', async () => {
    // PROTO 4, NONE, MEMOIZE × (MAX_MEMO_ENTRIES + 1), STOP
    const pickle = new Uint8Array(MAX_MEMO_ENTRIES + 5).fill(0x94);
    pickle.set([0x80, 4, 0x4e]);
    pickle[pickle.length - 1] = 0x2e;
    const error = await readTorchCheckpoint(checkpoint(pickle)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PickleFormatError);
    expect((error as Error).message).toMatch(/more than 262144 memo entries/);
  });

  it('a huge string key is described by its length, not printed', async () => {
    const w = new PickleWriter().proto(2).emptyDict().int(5).str('x'.repeat(60_000)).setitem();
    const error = await readTorchCheckpoint(checkpoint(w.stop().bytes())).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TorchCheckpointError);
    expect((error as Error).message.length).toBeLessThan(300);
    // and a normal file still reads
    const ok = stateDictPickle([{ name: 'a', storageKey: '0', numel: 6, size: [2, 3], stride: [3, 1] }]);
    expect((await readTorchCheckpoint(checkpoint(ok))).get('a')!.dims).toEqual([2, 3]);
  });
});
