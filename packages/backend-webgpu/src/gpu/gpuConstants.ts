// The numeric flag values are fixed by the WebGPU specification. Using them directly
// means Node never has to copy Dawn's `globals` onto globalThis (an import-time side effect).
export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  UNIFORM: 0x0040,
  STORAGE: 0x0080,
} as const;

export const MapMode = { READ: 0x0001 } as const;
