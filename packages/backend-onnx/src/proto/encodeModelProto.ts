import protobuf from 'protobufjs/light.js';
import { onnxDescriptor } from './onnxDescriptor.js';

let modelProtoType: protobuf.Type | undefined;

/**
 * Serialises a plain `onnx.ModelProto` object (snake_case fields as in onnx.proto).
 * The reflection root is built lazily so that importing the package costs nothing.
 */
export function encodeModelProto(model: Record<string, unknown>): Uint8Array {
  modelProtoType ??= protobuf.Root.fromJSON(onnxDescriptor as unknown as protobuf.INamespace).lookupType('onnx.ModelProto');
  // fromObject is skipped: our objects already use the wire types, and converting a
  // multi-gigabyte raw_data field through it would copy it again.
  return modelProtoType.encode(model as unknown as protobuf.Message).finish();
}

/** Decodes a ModelProto into a plain object (used by tests and to read external models' metadata). */
export function decodeModelProto(bytes: Uint8Array): Record<string, unknown> {
  modelProtoType ??= protobuf.Root.fromJSON(onnxDescriptor as unknown as protobuf.INamespace).lookupType('onnx.ModelProto');
  return modelProtoType.toObject(modelProtoType.decode(bytes), { longs: Number, bytes: Uint8Array as never, defaults: false }) as Record<string, unknown>;
}
