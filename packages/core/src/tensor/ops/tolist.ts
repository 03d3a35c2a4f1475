/** A tensor as nested JS arrays (a 0-d tensor is its single value), like torch's `Tensor.tolist()`. */
export type NestedList<T> = T | NestedList<T>[];

export function nest<T>(flat: readonly T[], dims: readonly number[]): NestedList<T> {
  if (dims.length === 0) return flat[0];
  const build = (offset: number, level: number): NestedList<T>[] => {
    const n = dims[level];
    if (level === dims.length - 1) return flat.slice(offset, offset + n);
    let stride = 1;
    for (let i = level + 1; i < dims.length; i++) stride *= dims[i];
    const out: NestedList<T>[] = [];
    for (let i = 0; i < n; i++) out.push(build(offset + i * stride, level + 1));
    return out;
  };
  return build(0, 0);
}
