import type { Dim, GraphBuilder, ValueInfo } from '../graph/GraphBuilder.js';
import { encodeModelProto } from '../proto/encodeModelProto.js';
import type { ExternalDataPlan } from './ExternalDataPlan.js';

export const OPSET_VERSION = 17;
/** IR version 8 is the one that goes with opset 17. */
export const IR_VERSION = 8;
/** A protobuf message cannot exceed 2 GiB; bigger models need external data. */
export const PROTOBUF_LIMIT = 2 ** 31 - 1;

export class ModelTooLargeError extends Error {
  override name = 'ModelTooLargeError';
}

function valueInfo(v: ValueInfo): Record<string, unknown> {
  const dim = v.shape.map((d: Dim) => (typeof d === 'number' ? { dim_value: d } : { dim_param: d }));
  return { name: v.name, type: { tensor_type: { elem_type: v.dataType, shape: { dim } } } };
}

/**
 * Encodes the graph as an ONNX ModelProto. Initializers listed in `plan` are written
 * as external-data references (their bytes go to the data file separately); all
 * others are inlined as raw_data.
 */
export function serializeModel(g: GraphBuilder, plan?: ExternalDataPlan, metadata: Record<string, string> = {}): Uint8Array {
  const inlineBytes = g.initializers.reduce((n, i) => n + (plan?.offsets.has(i.name) ? 0 : i.byteLength), 0);
  if (inlineBytes > PROTOBUF_LIMIT - 64 * 1024 * 1024) {
    throw new ModelTooLargeError(`graph ${g.name}: ${inlineBytes} bytes of weights exceed the 2 GiB protobuf limit; use external data`);
  }
  const initializer = g.initializers.map((init) => {
    const offset = plan?.offsets.get(init.name);
    const base = { name: init.name, data_type: init.dataType, dims: [...init.dims] };
    if (offset === undefined || !plan) return { ...base, raw_data: init.bytes() };
    return {
      ...base,
      data_location: 1,
      external_data: [
        { key: 'location', value: plan.location },
        { key: 'offset', value: String(offset) },
        { key: 'length', value: String(init.byteLength) },
      ],
    };
  });
  const opsetImport = [{ domain: '', version: OPSET_VERSION }, ...[...g.domains].map(([domain, version]) => ({ domain, version }))];
  return encodeModelProto({
    ir_version: IR_VERSION,
    producer_name: '@altclip/backend-onnx',
    producer_version: '1',
    opset_import: opsetImport,
    metadata_props: Object.entries(metadata).map(([key, value]) => ({ key, value })),
    graph: {
      name: g.name,
      node: g.nodeProtos(),
      initializer,
      input: g.inputs.map(valueInfo),
      output: g.outputs.map(valueInfo),
    },
  });
}
