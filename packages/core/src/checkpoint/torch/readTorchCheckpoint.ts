import { type ByteSource, ByteRangeError } from '@altclip/hub';
import { MemoryByteSource } from '@altclip/hub';
import type { Tensor } from '../../tensor/Tensor.js';
import { materializeTensor, swapBytes } from './materializeTensor.js';
import { PickleDict, PickleGlobal, PickleTuple } from './PickleValue.js';
import { StorageRef, TensorRef } from './TensorRef.js';
import {
  PickleFormatError,
  PickleTruncatedError,
  TorchCheckpointError,
  UnsupportedTorchCheckpointError,
  ZipFormatError,
} from './TorchCheckpointError.js';
import { TORCH_STORAGE_TYPES } from './TorchStorageType.js';
import { createTorchGlobalResolver } from './torchGlobals.js';
import { unpickle } from './Unpickler.js';
import { ZipArchive, type ZipEntry } from './ZipArchive.js';

/** The first pickle of torch's pre-1.6 ("legacy") format is this magic number. */
const LEGACY_MAGIC = 0x1950a86a20f9469cfc6cn;
const LEGACY_PROTOCOL_VERSION = 1001;

/** Where a storage's bytes come from: a slice of the checkpoint file. */
interface StorageLocation {
  readonly offset: number;
  readonly byteLength: number;
}

function storageRefFrom(pid: unknown, source: string, legacy: boolean): { ref: StorageRef; viewMetadata?: unknown } {
  const items = pid instanceof PickleTuple ? pid.items : undefined;
  const arity = legacy ? 6 : 5;
  if (items === undefined || items.length !== arity || items[0] !== 'storage') {
    throw new PickleFormatError(`${source}: persistent id must be ('storage', type, key, location, numel${legacy ? ', view' : ''})`);
  }
  const [, type, key, location, numel] = items;
  if (!(type instanceof PickleGlobal)) throw new PickleFormatError(`${source}: persistent id storage type is not a storage class`);
  const storageType = TORCH_STORAGE_TYPES.get(type.qualifiedName);
  if (!storageType) throw new UnsupportedTorchCheckpointError(`${source}: storage type ${type.qualifiedName} is not supported`);
  if (typeof key !== 'string') throw new PickleFormatError(`${source}: storage key is not a string`);
  if (typeof location !== 'string') throw new PickleFormatError(`${source}: storage location of '${key}' is not a string`);
  if (typeof numel !== 'number' || !Number.isSafeInteger(numel) || numel < 0) {
    throw new PickleFormatError(`${source}: storage '${key}' declares ${String(numel)} elements`);
  }
  return { ref: new StorageRef(key, storageType, numel), viewMetadata: legacy ? items[5] : undefined };
}

/**
 * Builds a persistent_load that hands out one StorageRef per key and dtype. torch ≥ 2 can save one untyped
 * storage under several dtypes (a tensor and its `.view(dtype)`); the same key and dtype with another size
 * is a corrupt file.
 */
function storageTable(source: string, legacy: boolean, check: (ref: StorageRef) => void) {
  const storages = new Map<string, StorageRef>();
  const keys = new Set<string>();
  const persistentLoad = (pid: unknown): StorageRef => {
    const { ref, viewMetadata } = storageRefFrom(pid, source, legacy);
    if (viewMetadata !== undefined && viewMetadata !== null) {
      throw new UnsupportedTorchCheckpointError(`${source}: legacy storage views (storage '${ref.key}') are not supported`);
    }
    const id = `${ref.key}\0${ref.type.className}`;
    const known = storages.get(id);
    if (known) {
      if (known.numel !== ref.numel) throw new PickleFormatError(`${source}: storage '${ref.key}' is declared twice with different sizes`);
      return known;
    }
    if (keys.has(ref.key) && legacy) throw new PickleFormatError(`${source}: legacy storage '${ref.key}' is declared with two dtypes`);
    check(ref);
    storages.set(id, ref);
    keys.add(ref.key);
    return ref;
  };
  return { storages: () => [...storages.values()], persistentLoad };
}

/** The state_dict must be a flat {name: tensor} dict, as HF's pytorch_model.bin files are. */
function stateDictOf(value: unknown, source: string): Map<string, TensorRef> {
  if (!(value instanceof PickleDict)) throw new TorchCheckpointError(`${source}: the checkpoint is not a dict of tensors (state_dict)`);
  const out = new Map<string, TensorRef>();
  for (const [key, tensor] of value.entries) {
    if (typeof key !== 'string') throw new TorchCheckpointError(`${source}: state_dict key ${String(key)} is not a string`);
    if (!(tensor instanceof TensorRef)) {
      throw new TorchCheckpointError(`${source}: state_dict entry '${key}' is not a tensor; expected a flat state_dict`);
    }
    out.set(key, tensor);
  }
  return out;
}

async function materializeAll(
  source: ByteSource,
  name: string,
  refs: Map<string, TensorRef>,
  locate: (ref: StorageRef) => StorageLocation,
  bigEndian: boolean,
): Promise<Map<string, Tensor>> {
  // Storage bytes are read once per key (views of one untyped storage under several dtypes share them);
  // byte-swapping depends on the element size, so big-endian files keep one swapped copy per element size.
  const storageBytes = new Map<string, Uint8Array>();
  // Copies (non-contiguous or misaligned views) may not, all together, outgrow the file itself.
  let budget = source.size;
  const tensors = new Map<string, Tensor>();
  for (const [key, ref] of refs) {
    const cacheKey = bigEndian ? `${ref.storage.key}\0${ref.storage.type.elementSize}` : ref.storage.key;
    let bytes = storageBytes.get(cacheKey);
    if (!bytes) {
      const location = locate(ref.storage);
      bytes = await source.read(location.offset, location.byteLength);
      if (bigEndian) {
        bytes = bytes.slice();
        swapBytes(bytes, ref.storage.type.elementSize);
      }
      storageBytes.set(cacheKey, bytes);
    }
    if (!ref.isContiguous) {
      budget -= ref.numel * ref.storage.type.elementSize;
      if (budget < 0) throw new TorchCheckpointError(`${name}: copying strided tensor '${key}' would allocate more than the file's size`);
    }
    const { tensor, allocated } = materializeTensor(ref, bytes);
    if (ref.isContiguous) {
      budget -= allocated;
      if (budget < 0) throw new TorchCheckpointError(`${name}: realigning tensor '${key}' would allocate more than the file's size`);
    }
    tensors.set(key, tensor);
  }
  return tensors;
}

async function readZipCheckpoint(source: ByteSource, name: string): Promise<Map<string, Tensor>> {
  const archive = await ZipArchive.open(source);
  const first = archive.entries.keys().next();
  if (first.done) throw new ZipFormatError(`${name}: the archive is empty`);
  // torch names the record folder after the file it saved to ('archive', 'pytorch_model', …): take it from the first entry.
  const slash = first.value.indexOf('/');
  let prefix = slash > 0 ? first.value.slice(0, slash) : '';
  if (!archive.entries.has(`${prefix}/data.pkl`)) {
    const candidates = [...archive.entries.keys()].filter((n) => /^[^/]+\/data\.pkl$/.test(n));
    if (candidates.length !== 1) throw new ZipFormatError(`${name}: no '<archive>/data.pkl' entry; not a torch.save zip checkpoint`);
    prefix = candidates[0].slice(0, -'/data.pkl'.length);
  }
  const pickleEntry = archive.entries.get(`${prefix}/data.pkl`) as ZipEntry;
  const pickleBytes = await archive.read(pickleEntry);

  let bigEndian = false;
  const byteorder = archive.entries.get(`${prefix}/byteorder`);
  if (byteorder) {
    if (byteorder.uncompressedSize > 16) throw new ZipFormatError(`${name}: '${byteorder.name}' is ${byteorder.uncompressedSize} bytes`);
    const order = new TextDecoder().decode(await archive.read(byteorder));
    if (order !== 'little' && order !== 'big') throw new ZipFormatError(`${name}: byteorder '${order}' is neither 'little' nor 'big'`);
    bigEndian = order === 'big';
  }

  const pickleName = `${name}:${pickleEntry.name}`;
  const { storages, persistentLoad } = storageTable(pickleName, false, (ref) => {
    const entry = archive.entries.get(`${prefix}/data/${ref.key}`);
    if (!entry) throw new ZipFormatError(`${name}: storage '${ref.key}' has no '${prefix}/data/${ref.key}' entry`);
    if (ref.byteLength > entry.uncompressedSize) {
      throw new ZipFormatError(
        `${name}: storage '${ref.key}' declares ${ref.numel} × ${ref.type.elementSize} bytes but its entry holds ${entry.uncompressedSize}`,
      );
    }
  });
  const { value } = unpickle(pickleBytes, { source: pickleName, resolveGlobal: createTorchGlobalResolver(pickleName, pickleBytes.length), persistentLoad });
  const refs = stateDictOf(value, pickleName);

  const locations = new Map<string, StorageLocation>();
  for (const ref of storages()) {
    if (locations.has(ref.key)) continue;
    // The whole entry: every dtype view of this storage fits in it (checked when the pickle named it).
    const range = await archive.dataRange(archive.entries.get(`${prefix}/data/${ref.key}`) as ZipEntry);
    locations.set(ref.key, { offset: range.offset, byteLength: range.length });
  }
  return materializeAll(source, name, refs, (ref) => locations.get(ref.key) as StorageLocation, bigEndian);
}

/**
 * torch < 1.6 wrote five consecutive pickles (magic, protocol, sys_info, the object, the storage keys) and then
 * each storage as an int64 element count followed by its raw bytes.
 */
async function readLegacyCheckpoint(source: ByteSource, name: string): Promise<Map<string, Tensor>> {
  let prefixLength = Math.min(source.size, 1 << 20);
  for (;;) {
    const prefix = await source.read(0, prefixLength);
    try {
      return await parseLegacy(source, name, prefix);
    } catch (error) {
      // Pickles are read from a prefix of the file; only a pickle that ran off its end earns a longer read.
      if (!(error instanceof PickleTruncatedError) || prefixLength === source.size) throw error;
      prefixLength = Math.min(source.size, prefixLength * 4);
    }
  }
}

async function parseLegacy(source: ByteSource, name: string, prefix: Uint8Array): Promise<Map<string, Tensor>> {
  const plain = (module: string, item: string): PickleGlobal => {
    throw new TorchCheckpointError(`${name}: unexpected global ${module}.${item} in the legacy header`);
  };
  let at = 0;
  const next = (what: string): unknown => {
    const result = unpickle(prefix, { source: `${name} (${what})`, resolveGlobal: plain }, at);
    at = result.end;
    return result.value;
  };
  const magic = next('magic number');
  if (magic !== LEGACY_MAGIC) throw new TorchCheckpointError(`${name}: not a torch checkpoint (bad legacy magic number)`);
  const protocol = next('protocol version');
  if (protocol !== LEGACY_PROTOCOL_VERSION) throw new TorchCheckpointError(`${name}: legacy protocol version ${String(protocol)}; expected 1001`);
  const sysInfo = next('sys_info');
  if (sysInfo instanceof PickleDict && sysInfo.entries.get('little_endian') === false) {
    throw new UnsupportedTorchCheckpointError(`${name}: big-endian legacy checkpoints are not supported`);
  }
  const pickleName = `${name} (state_dict)`;
  const { storages, persistentLoad } = storageTable(pickleName, true, () => {});
  const main = unpickle(prefix, { source: pickleName, resolveGlobal: createTorchGlobalResolver(pickleName, prefix.length), persistentLoad }, at);
  at = main.end;
  const refs = stateDictOf(main.value, pickleName);
  const keys = next('storage keys');
  if (!Array.isArray(keys) || keys.some((k) => typeof k !== 'string')) throw new PickleFormatError(`${name}: legacy storage key list is malformed`);

  const locations = new Map<string, StorageLocation>();
  let offset = at;
  const byKey = new Map(storages().map((ref) => [ref.key, ref]));
  for (const key of keys as string[]) {
    const ref = byKey.get(key);
    if (!ref) throw new TorchCheckpointError(`${name}: storage key '${key}' is listed but never used`);
    if (locations.has(key)) throw new TorchCheckpointError(`${name}: storage key '${key}' is listed twice`);
    if (offset + 8 > source.size) throw new TorchCheckpointError(`${name}: file ends before storage '${key}'`);
    const header = await source.read(offset, 8);
    const numel = new DataView(header.buffer, header.byteOffset, 8).getBigInt64(0, true);
    if (numel !== BigInt(ref.numel)) throw new TorchCheckpointError(`${name}: storage '${key}' holds ${numel} elements; the pickle declares ${ref.numel}`);
    offset += 8;
    if (offset + ref.byteLength > source.size) throw new TorchCheckpointError(`${name}: storage '${key}' runs past the end of the file`);
    locations.set(key, { offset, byteLength: ref.byteLength });
    offset += ref.byteLength;
  }
  for (const key of byKey.keys()) {
    if (!locations.has(key)) throw new TorchCheckpointError(`${name}: storage '${key}' is used but its bytes are not in the file`);
  }
  return materializeAll(source, name, refs, (ref) => locations.get(ref.key) as StorageLocation, false);
}

/**
 * Reads a `torch.save(state_dict)` file (`pytorch_model.bin`) into Tensors without executing anything:
 * the zip format (torch ≥ 1.6) and the legacy pickle-stream format. Tensors may be views of the bytes the
 * source returns (no second copy of contiguous weights).
 */
export async function readTorchCheckpoint(source: ByteSource | Uint8Array | ArrayBuffer): Promise<Map<string, Tensor>> {
  const input = source instanceof Uint8Array || source instanceof ArrayBuffer ? new MemoryByteSource(source) : source;
  const name = input.name ?? 'torch checkpoint';
  try {
    if (input.size < 4) throw new TorchCheckpointError(`${name}: ${input.size} bytes is too short for a torch checkpoint`);
    const head = await input.read(0, 4);
    if (head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04) return await readZipCheckpoint(input, name);
    if (head[0] === 0x80) return await readLegacyCheckpoint(input, name);
    throw new TorchCheckpointError(`${name}: neither a torch zip archive nor a legacy torch pickle`);
  } catch (error) {
    // A range error can only come from a length this reader failed to bound: still the file's fault, typed as such.
    if (error instanceof ByteRangeError) throw new TorchCheckpointError(`${name}: ${error.message}`, { cause: error });
    throw error;
  }
}
