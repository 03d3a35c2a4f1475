import { SafetensorsFile } from '../checkpoint/safetensors/SafetensorsFile.js';
import { parseSafetensorsIndex, readShardedSafetensors, type SafetensorsIndex } from '../checkpoint/safetensors/ShardedSafetensors.js';
import type { ByteSource } from '@altclip/hub';
import type { Tensor } from '../tensor/Tensor.js';
import { CheckpointError } from '../weights/CheckpointError.js';
import { type ModelFiles, type ResolveOptions, readText } from '@altclip/hub';

export const WEIGHTS_FILES = ['model.safetensors', 'model.safetensors.index.json', 'pytorch_model.bin', 'pytorch_model.bin.index.json'] as const;

export interface LoadedCheckpoint {
  readonly file: string;
  readonly tensors: Map<string, Tensor>;
}

export interface LoadCheckpointOptions extends ResolveOptions {
  /** Skips tensors the model will not use (a tower loaded from a full checkpoint) before they are read. */
  filter?: (name: string) => boolean;
  /**
   * Receives the shapes of every tensor `filter` keeps, from the file headers (safetensors header, torch pickle),
   * before any tensor data is read; throwing refuses the checkpoint at the cost of its headers only.
   */
  onShapes?: (shapes: ReadonlyMap<string, readonly number[]>) => void;
}

/**
 * Reads the model's weights in transformers' order of preference: safetensors,
 * sharded safetensors, pytorch_model.bin, then sharded pytorch_model.bin.
 */
export async function loadCheckpoint(files: ModelFiles, options: LoadCheckpointOptions = {}): Promise<LoadedCheckpoint> {
  const progress = (file: string, loaded: number, total: number) => options.onProgress?.({ file, loaded, total, phase: 'read' });
  const shardOptions = { filter: options.filter, onShard: progress };
  const keep = (name: string) => !options.filter || options.filter(name);
  const reportShapes = (shapes: Iterable<[string, readonly number[]]>) => options.onShapes?.(new Map([...shapes].filter(([name]) => keep(name))));
  const single = await files.open('model.safetensors');
  if (single) {
    const file = await SafetensorsFile.open(single);
    try {
      reportShapes([...file.header.entries.values()].map((e) => [e.name, e.shape]));
      const names = file.keys().filter(keep);
      const tensors = new Map<string, Tensor>();
      for (const [i, name] of names.entries()) {
        tensors.set(name, await file.get(name));
        progress('model.safetensors', i + 1, names.length);
      }
      return { file: 'model.safetensors', tensors };
    } finally {
      await file.close();
    }
  }
  const indexText = await readText(files, 'model.safetensors.index.json');
  if (indexText !== null) {
    const index = parseSafetensorsIndex(indexText);
    if (options.onShapes) reportShapes(await shardShapes(index, shardOpener(files, 'model.safetensors.index.json'), safetensorsShapes));
    const tensors = await readShardedSafetensors(index, shardOpener(files, 'model.safetensors.index.json'), shardOptions);
    return { file: 'model.safetensors.index.json', tensors };
  }
  const bin = await files.open('pytorch_model.bin');
  if (bin) {
    try {
      const torch = await import('../checkpoint/torch/index.js');
      const all = await torch.readTorchCheckpoint(bin, { onShapes: (shapes) => reportShapes(shapes) });
      const tensors = new Map([...all].filter(([name]) => keep(name)));
      progress('pytorch_model.bin', 1, 1);
      return { file: 'pytorch_model.bin', tensors };
    } finally {
      await bin.close?.();
    }
  }
  const torchIndexText = await readText(files, 'pytorch_model.bin.index.json');
  if (torchIndexText !== null) {
    const torch = await import('../checkpoint/torch/index.js');
    const index = torch.parseTorchIndex(torchIndexText);
    const opener = shardOpener(files, 'pytorch_model.bin.index.json');
    // Pickles are small next to the weights: reading each twice lets the config be checked before any weight is.
    if (options.onShapes) reportShapes(await shardShapes(index, opener, torch.readTorchCheckpointShapes));
    const tensors = await torch.readShardedTorchCheckpoint(index, opener, shardOptions);
    return { file: 'pytorch_model.bin.index.json', tensors };
  }
  throw new CheckpointError(`${files.name}: no weights found (looked for ${WEIGHTS_FILES.join(', ')})`);
}

async function safetensorsShapes(source: ByteSource): Promise<Map<string, readonly number[]>> {
  const file = await SafetensorsFile.open(source);
  return new Map([...file.header.entries.values()].map((e) => [e.name, e.shape]));
}

/** Every shard's tensor shapes from its header alone, each shard closed again before the next is opened. */
async function shardShapes(
  index: SafetensorsIndex,
  openShard: (shard: string) => Promise<ByteSource>,
  readShapes: (source: ByteSource) => Promise<Map<string, readonly number[]>>,
): Promise<Map<string, readonly number[]>> {
  const out = new Map<string, readonly number[]>();
  for (const shard of new Set(index.weightMap.values())) {
    const source = await openShard(shard);
    try {
      for (const [name, shape] of await readShapes(source)) out.set(name, shape);
    } finally {
      await source.close?.();
    }
  }
  return out;
}

/** Opens a shard an index names, failing with the index's name when the file is absent. */
function shardOpener(files: ModelFiles, indexFile: string): (shard: string) => Promise<ByteSource> {
  return async (shard) => {
    const source = await files.open(shard);
    if (!source) throw new CheckpointError(`${files.name}: ${indexFile} lists shard '${shard}' but it does not exist`);
    return source;
  };
}
