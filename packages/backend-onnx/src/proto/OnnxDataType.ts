/** `onnx.TensorProto.DataType` values this package emits or reads. */
export const OnnxDataType = {
  FLOAT: 1,
  UINT8: 2,
  INT8: 3,
  INT32: 6,
  INT64: 7,
  BOOL: 9,
  FLOAT16: 10,
} as const;

export type OnnxDataType = (typeof OnnxDataType)[keyof typeof OnnxDataType];

/** Bytes per element, for raw_data and external-data lengths. */
export function bytesPerElement(type: OnnxDataType): number {
  switch (type) {
    case OnnxDataType.FLOAT:
    case OnnxDataType.INT32:
      return 4;
    case OnnxDataType.INT64:
      return 8;
    case OnnxDataType.FLOAT16:
      return 2;
    default:
      return 1;
  }
}
