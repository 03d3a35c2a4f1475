import { ProcessorConfigError } from '../../errors/ProcessorConfigError.js';
import type { SizeDict } from '../config/SizeDict.js';

/**
 * `CLIPImageProcessor.resize`'s target `[height, width]` (v4.47.1): `{shortest_edge}` scales the short
 * side to it and the long side to `int(shortest_edge * long / short)` (truncated, as Python's `int`);
 * `{height, width}` is taken as is. Any other size dict is rejected, as HF rejects it.
 */
export function getResizeOutputSize(height: number, width: number, size: SizeDict, file = '<config>'): [number, number] {
  if ('shortest_edge' in size) {
    const target = size.shortest_edge;
    const [short, long] = width <= height ? [width, height] : [height, width];
    const newLong = Math.trunc((target * long) / short);
    return width <= height ? [newLong, target] : [target, newLong];
  }
  if ('height' in size && 'width' in size) return [size.height, size.width];
  throw new ProcessorConfigError(file, `size must contain either 'shortest_edge' or 'height' and 'width', got {${Object.keys(size).join(', ')}}`);
}
