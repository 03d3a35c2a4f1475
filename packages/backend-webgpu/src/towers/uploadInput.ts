import { toFloat16Array } from '@altclip/core';
import type { GpuContext } from '../gpu/GpuContext.js';
import type { GpuTensor } from '../gpu/GpuTensor.js';

/** Writes a run's input into the plan's input buffer, in the buffer's element type. */
export function uploadInput(context: GpuContext, target: GpuTensor, values: Float32Array | Int32Array): void {
  let payload = (target.type === 'f16' ? toFloat16Array(values as Float32Array) : values) as ArrayBufferView<ArrayBuffer>;
  if (payload.byteLength % 4 !== 0) {
    // writeBuffer sizes must be 4-byte multiples; an odd f16 count gets one padding element.
    const padded = new Uint16Array(payload.byteLength / 2 + 1);
    padded.set(payload as Uint16Array);
    payload = padded;
  }
  context.device.queue.writeBuffer(target.buffer, 0, payload);
}
