import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import { linearGrid, type PlanBuilder } from '../../gpu/PlanBuilder.js';
import { LINEAR_WORKGROUP_INDEX, wgslHeader } from '../wgslHeader.js';

const THREADS = 64;

/**
 * RoBERTa embeddings before their LayerNorm: `word[id] + tokenType[type] + position[pos]`
 * (summed in that order, as HF does), one thread per output element.
 */
export function embeddingGatherShader(storage: StorageType): string {
  return /* wgsl */ `${wgslHeader(storage)}
struct Params { tokens: u32, hidden: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> ids: array<i32>;
@group(0) @binding(2) var<storage, read> typeIds: array<i32>;
@group(0) @binding(3) var<storage, read> positionIds: array<i32>;
@group(0) @binding(4) var<storage, read> word: array<T>;
@group(0) @binding(5) var<storage, read> tokenType: array<T>;
@group(0) @binding(6) var<storage, read> position: array<T>;
@group(0) @binding(7) var<storage, read_write> out: array<T>;

@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let index = (${LINEAR_WORKGROUP_INDEX}) * ${THREADS}u + lid.x;
  if (index >= p.tokens * p.hidden) { return; }
  let t = index / p.hidden;
  let c = index % p.hidden;
  let v = f32(word[u32(ids[t]) * p.hidden + c]) + f32(tokenType[u32(typeIds[t]) * p.hidden + c]);
  out[index] = T(v + f32(position[u32(positionIds[t]) * p.hidden + c]));
}
`;
}

export interface EmbeddingGatherArgs {
  /** int32 [tokens] each. Core validated them; the tower checks the table bounds. */
  inputIds: GpuTensor;
  tokenTypeIds: GpuTensor;
  positionIds: GpuTensor;
  wordEmbeddings: GpuTensor;
  tokenTypeEmbeddings: GpuTensor;
  positionEmbeddings: GpuTensor;
  storage: StorageType;
}

export function recordEmbeddingGather(builder: PlanBuilder, args: EmbeddingGatherArgs, label = 'embeddingGather'): GpuTensor {
  const tokens = args.inputIds.dims.reduce((a, b) => a * b, 1);
  const hidden = args.wordEmbeddings.dims[1];
  const out = builder.tensor([tokens, hidden], args.storage, label);
  builder.dispatch(
    label,
    embeddingGatherShader(args.storage),
    [
      args.inputIds.buffer,
      args.tokenTypeIds.buffer,
      args.positionIds.buffer,
      args.wordEmbeddings.buffer,
      args.tokenTypeEmbeddings.buffer,
      args.positionEmbeddings.buffer,
      out.buffer,
    ],
    new Uint32Array([tokens, hidden]).buffer,
    linearGrid(Math.ceil((tokens * hidden) / THREADS)),
  );
  return out;
}
