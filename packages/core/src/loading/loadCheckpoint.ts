import { SafetensorsFile } from '../checkpoint/safetensors/SafetensorsFile.js';
import { parseSafetensorsIndex, readShardedSafetensors } from '../checkpoint/safetensors/ShardedSafetensors.js';
import type { ByteSource } from '@altclip/hub';
import type { Tensor } from '../tensor/Tensor.js';
import { CheckpointError } from '../weights/CheckpointError.js';
import { type ModelFiles, type ResolveOptions, readText } from '@altclip/hub';

export const WEIGHTS_FILES = ['model.safetensors', 'model.safetensors.index.json', 'pytorch_model.bin', 'pytorch_model.bin.index.json'] as const;

export interface LoadedCheckpoint {
  readonly file: string;
  readonly tensors: Map<string, Tensor>;
}

/**
 * Reads the model's weights in transformers' order of preference: safetensors,
 * sharded safetensors, pytorch_model.bin, then sharded pytorch_model.bin. `filter` skips tensors the model
 * will not use (a tower loaded from a full checkpoint) before they are read.
 */
export async function loadCheckpoint(files: ModelFiles, options: ResolveOptions & { filter?: (name: string) => boolean } = {}): Promise<LoadedCheckpoint> {
  const progress = (file: string, loaded: number, total: number) => options.onProgress?.({ file, loaded, total, phase: 'read' });
  const shardOptions = { filter: options.filter, onShard: progress };
  const single = await files.open('model.safetensors');
  if (single) {
    const file = await SafetensorsFile.open(single);
    try {
      const names = file.keys().filter((n) => !options.filter || options.filter(n));
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
    const tensors = await readShardedSafetensors(index, shardOpener(files, 'model.safetensors.index.json'), shardOptions);
    return { file: 'model.safetensors.index.json', tensors };
  }
  const bin = await files.open('pytorch_model.bin');
  if (bin) {
    try {
      const torch = await import('../checkpoint/torch/index.js');
      const all = await torch.readTorchCheckpoint(bin);
      const tensors = new Map([...all].filter(([name]) => !options.filter || options.filter(name)));
      progress('pytorch_model.bin', 1, 1);
      return { file: 'pytorch_model.bin', tensors };
    } finally {
      await bin.close?.();
    }
  }
  const torchIndexText = await readText(files, 'pytorch_model.bin.index.json');
  if (torchIndexText !== null) {
    const torch = await import('../checkpoint/torch/index.js');
    const tensors = await torch.readShardedTorchCheckpoint(torch.parseTorchIndex(torchIndexText), shardOpener(files, 'pytorch_model.bin.index.json'), shardOptions);
    return { file: 'pytorch_model.bin.index.json', tensors };
  }
  throw new CheckpointError(`${files.name}: no weights found (looked for ${WEIGHTS_FILES.join(', ')})`);
}

/** Opens a shard an index names, failing with the index's name when the file is absent. */
function shardOpener(files: ModelFiles, indexFile: string): (shard: string) => Promise<ByteSource> {
  return async (shard) => {
    const source = await files.open(shard);
    if (!source) throw new CheckpointError(`${files.name}: ${indexFile} lists shard '${shard}' but it does not exist`);
    return source;
  };
}
