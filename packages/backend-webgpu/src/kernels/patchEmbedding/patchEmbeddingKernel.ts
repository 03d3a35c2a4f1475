import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import { linearGrid, type PlanBuilder } from '../../gpu/PlanBuilder.js';
import { recordMatmul } from '../matmul/matmulKernel.js';
import { LINEAR_WORKGROUP_INDEX, wgslHeader } from '../wgslHeader.js';

const THREADS = 64;

/**
 * im2col for the stride-`patch` Conv2d: row `b·G + g` holds patch g's pixels in the
 * conv weight's (c, ky, kx) order, so the convolution becomes one tiled matmul with
 * the weight viewed as [hidden, C·p·p]. A direct per-output loop re-read every pixel
 * `hidden` times and ran 30× slower on SwiftShader.
 */
export function im2colShader(storage: StorageType): string {
  return /* wgsl */ `${wgslHeader(storage)}
struct Params { batch: u32, channels: u32, height: u32, width: u32, patchSize: u32, gridW: u32, patches: u32, _pad: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> pixels: array<T>;
@group(0) @binding(2) var<storage, read_write> columns: array<T>;

@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let index = (${LINEAR_WORKGROUP_INDEX}) * ${THREADS}u + lid.x;
  let kernelSize = p.patchSize * p.patchSize;
  let depth = p.channels * kernelSize;
  if (index >= p.batch * p.patches * depth) { return; }
  let k = index % depth;
  let g = (index / depth) % p.patches;
  let b = index / (depth * p.patches);
  let c = k / kernelSize;
  let y = (g / p.gridW) * p.patchSize + (k % kernelSize) / p.patchSize;
  let x = (g % p.gridW) * p.patchSize + k % p.patchSize;
  columns[index] = pixels[((b * p.channels + c) * p.height + y) * p.width + x];
}
`;
}

/**
 * CLIP's token assembly: token 0 is the class embedding, token t > 0 is patch t − 1's
 * convolution output; the position embedding is added to all of them.
 */
export function assembleTokensShader(storage: StorageType): string {
  return /* wgsl */ `${wgslHeader(storage)}
struct Params { batch: u32, tokens: u32, hidden: u32, _pad: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> patches: array<T>;
@group(0) @binding(2) var<storage, read> classEmbedding: array<T>;
@group(0) @binding(3) var<storage, read> position: array<T>;
@group(0) @binding(4) var<storage, read_write> out: array<T>;

@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let index = (${LINEAR_WORKGROUP_INDEX}) * ${THREADS}u + lid.x;
  if (index >= p.batch * p.tokens * p.hidden) { return; }
  let h = index % p.hidden;
  let t = (index / p.hidden) % p.tokens;
  let b = index / (p.hidden * p.tokens);
  var v = f32(classEmbedding[h]);
  if (t > 0u) { v = f32(patches[(b * (p.tokens - 1u) + t - 1u) * p.hidden + h]); }
  out[index] = T(v + f32(position[t * p.hidden + h]));
}
`;
}

export interface PatchEmbeddingArgs {
  /** [B, C, H, W]. */
  pixels: GpuTensor;
  /** [hidden, C, patch, patch]. */
  weight: GpuTensor;
  /** [hidden]. */
  classEmbedding: GpuTensor;
  /** [1 + gridH·gridW, hidden]. */
  positionEmbedding: GpuTensor;
  storage: StorageType;
}

/** Patch Conv2d (no bias) + class token + position embedding → [B·(1 + gridH·gridW), hidden]. */
export function recordPatchEmbedding(builder: PlanBuilder, args: PatchEmbeddingArgs, label = 'patchEmbedding'): GpuTensor {
  const [B, C, H, W] = args.pixels.dims;
  const [hidden, , patch] = args.weight.dims;
  const gridW = Math.floor(W / patch);
  const patches = Math.floor(H / patch) * gridW;
  const depth = C * patch * patch;
  const columns = builder.tensor([B * patches, depth], args.storage, `${label}.im2col`);
  builder.dispatch(
    `${label}.im2col`,
    im2colShader(args.storage),
    [args.pixels.buffer, columns.buffer],
    new Uint32Array([B, C, H, W, patch, gridW, patches, 0]).buffer,
    linearGrid(Math.ceil((B * patches * depth) / THREADS)),
  );
  const weight = { ...args.weight, dims: [hidden, depth] };
  const convolved = recordMatmul(builder, { a: columns, weight, storage: args.storage }, `${label}.conv`);
  builder.release(columns);
  const tokens = 1 + patches;
  const out = builder.tensor([B * tokens, hidden], args.storage, label);
  builder.dispatch(
    label,
    assembleTokensShader(args.storage),
    [convolved.buffer, args.classEmbedding.buffer, args.positionEmbedding.buffer, out.buffer],
    new Uint32Array([B, tokens, hidden, 0]).buffer,
    linearGrid(Math.ceil((B * tokens * hidden) / THREADS)),
  );
  builder.release(convolved);
  return out;
}
