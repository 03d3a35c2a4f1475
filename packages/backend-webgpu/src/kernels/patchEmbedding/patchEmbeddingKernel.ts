import type { GpuTensor, StorageType } from '../../gpu/GpuTensor.js';
import { linearGrid, type PlanBuilder } from '../../gpu/PlanBuilder.js';
import { LINEAR_WORKGROUP_INDEX, wgslHeader } from '../wgslHeader.js';

const THREADS = 64;

/**
 * CLIP vision embeddings: the stride-`patch` Conv2d without bias (weight [hidden, C, p, p]),
 * the class embedding prepended as token 0, and the position embedding added —
 * one thread per output element of [B, 1 + gridH·gridW, hidden]. Pixels beyond the
 * last whole patch are ignored, as the convolution ignores them.
 */
export function patchEmbeddingShader(storage: StorageType): string {
  return /* wgsl */ `${wgslHeader(storage)}
struct Params { batch: u32, channels: u32, height: u32, width: u32, patchSize: u32, gridW: u32, tokens: u32, hidden: u32 }
@group(0) @binding(0) var<uniform> p: Params;
@group(0) @binding(1) var<storage, read> pixels: array<T>;
@group(0) @binding(2) var<storage, read> weight: array<T>;
@group(0) @binding(3) var<storage, read> classEmbedding: array<T>;
@group(0) @binding(4) var<storage, read> position: array<T>;
@group(0) @binding(5) var<storage, read_write> out: array<T>;

@compute @workgroup_size(${THREADS})
fn main(@builtin(local_invocation_id) lid: vec3<u32>, @builtin(workgroup_id) wid: vec3<u32>,
        @builtin(num_workgroups) nwg: vec3<u32>) {
  let index = (${LINEAR_WORKGROUP_INDEX}) * ${THREADS}u + lid.x;
  if (index >= p.batch * p.tokens * p.hidden) { return; }
  let h = index % p.hidden;
  let t = (index / p.hidden) % p.tokens;
  let b = index / (p.hidden * p.tokens);
  var v = 0.0;
  if (t == 0u) {
    v = f32(classEmbedding[h]);
  } else {
    let y0 = ((t - 1u) / p.gridW) * p.patchSize;
    let x0 = ((t - 1u) % p.gridW) * p.patchSize;
    let kernelSize = p.patchSize * p.patchSize;
    for (var c = 0u; c < p.channels; c++) {
      let plane = (b * p.channels + c) * p.height * p.width;
      let wBase = (h * p.channels + c) * kernelSize;
      for (var ky = 0u; ky < p.patchSize; ky++) {
        let row = plane + (y0 + ky) * p.width + x0;
        for (var kx = 0u; kx < p.patchSize; kx++) {
          v += f32(pixels[row + kx]) * f32(weight[wBase + ky * p.patchSize + kx]);
        }
      }
    }
  }
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

export function recordPatchEmbedding(builder: PlanBuilder, args: PatchEmbeddingArgs, label = 'patchEmbedding'): GpuTensor {
  const [B, C, H, W] = args.pixels.dims;
  const [hidden, , patch] = args.weight.dims;
  const gridH = Math.floor(H / patch);
  const gridW = Math.floor(W / patch);
  const tokens = 1 + gridH * gridW;
  const out = builder.tensor([B * tokens, hidden], args.storage, label);
  builder.dispatch(
    label,
    patchEmbeddingShader(args.storage),
    [args.pixels.buffer, args.weight.buffer, args.classEmbedding.buffer, args.positionEmbedding.buffer, out.buffer],
    new Uint32Array([B, C, H, W, patch, gridW, tokens, hidden]).buffer,
    linearGrid(Math.ceil((B * tokens * hidden) / THREADS)),
  );
  return out;
}
