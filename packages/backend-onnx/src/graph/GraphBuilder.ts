import { OnnxDataType, bytesPerElement } from '../proto/OnnxDataType.js';
import { float32ToFloat16Bits } from '@altclip/core';
import { type Attribute, attributeProto, int } from './Attribute.js';
import type { Initializer } from './Initializer.js';

/** A dimension: a fixed size, or a symbolic name for a dynamic one (`batch`, `sequence`). */
export type Dim = number | string;

export interface ValueInfo {
  readonly name: string;
  readonly dataType: OnnxDataType;
  readonly shape: readonly Dim[];
}

export interface GraphNode {
  readonly opType: string;
  readonly domain: string;
  readonly name: string;
  readonly inputs: readonly string[];
  readonly outputs: readonly string[];
  readonly attributes: Readonly<Record<string, Attribute>>;
}

export class GraphBuildError extends Error {
  override name = 'GraphBuildError';
}

/**
 * Accumulates an ONNX graph: inputs, outputs, nodes in topological order (the order
 * they are added) and initializers. Value names are made unique with a counter so
 * that graph-building functions can be composed without coordinating names.
 */
export class GraphBuilder {
  readonly name: string;
  readonly inputs: ValueInfo[] = [];
  readonly outputs: ValueInfo[] = [];
  readonly nodes: GraphNode[] = [];
  readonly initializers: Initializer[] = [];
  /** Non-default domains used, with their opset versions. */
  readonly domains = new Map<string, number>();
  /** Float type of the activations: FLOAT, or FLOAT16 for half-precision compute. */
  floatType: OnnxDataType = OnnxDataType.FLOAT;
  private readonly names = new Set<string>();
  private counter = 0;

  constructor(name: string) {
    this.name = name;
  }

  /** A fresh value name starting with `prefix`. */
  unique(prefix: string): string {
    let candidate = prefix;
    while (this.names.has(candidate)) candidate = `${prefix}_${++this.counter}`;
    this.names.add(candidate);
    return candidate;
  }

  input(name: string, dataType: OnnxDataType, shape: readonly Dim[]): string {
    this.claim(name);
    this.inputs.push({ name, dataType, shape });
    return name;
  }

  /** Declares `value` as graph output `name` (renaming it through Identity if needed). */
  output(name: string, value: string, dataType: OnnxDataType, shape: readonly Dim[]): void {
    if (value !== name) {
      this.claim(name);
      this.nodes.push({ opType: 'Identity', domain: '', name: `${name}/Identity`, inputs: [value], outputs: [name], attributes: {} });
    }
    this.outputs.push({ name, dataType, shape });
  }

  initializer(initializer: Initializer): string {
    this.claim(initializer.name);
    this.initializers.push(initializer);
    return initializer.name;
  }

  /** A small constant held in memory (shapes, axes, scalars). */
  constant(prefix: string, dataType: OnnxDataType, dims: readonly number[], values: ArrayLike<number> | readonly bigint[]): string {
    const size = dims.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new GraphBuildError(`constant ${prefix}: ${values.length} values for dims [${dims.join(', ')}]`);
    let bytes: Uint8Array;
    if (dataType === OnnxDataType.INT64) {
      const array = BigInt64Array.from(values as ArrayLike<number | bigint>, (v) => BigInt(v));
      bytes = new Uint8Array(array.buffer);
    } else if (dataType === OnnxDataType.FLOAT) {
      bytes = new Uint8Array(Float32Array.from(values as ArrayLike<number>).buffer);
    } else if (dataType === OnnxDataType.FLOAT16) {
      bytes = new Uint8Array(Uint16Array.from(values as ArrayLike<number>, float32ToFloat16Bits).buffer);
    } else if (dataType === OnnxDataType.INT32) {
      bytes = new Uint8Array(Int32Array.from(values as ArrayLike<number>).buffer);
    } else if (dataType === OnnxDataType.UINT8) {
      bytes = Uint8Array.from(values as ArrayLike<number>);
    } else {
      throw new GraphBuildError(`constant ${prefix}: unsupported data type ${dataType}`);
    }
    const name = this.unique(prefix);
    this.initializers.push({ name, dataType, dims: [...dims], byteLength: size * bytesPerElement(dataType), bytes: () => bytes });
    return name;
  }

  int64s(prefix: string, values: readonly number[]): string {
    return this.constant(prefix, OnnxDataType.INT64, [values.length], values);
  }

  scalar(prefix: string, value: number): string {
    return this.constant(prefix, this.floatType, [], [value]);
  }

  /** A float32 graph input, converted to the compute float type. */
  floatInput(name: string, shape: readonly Dim[]): string {
    const value = this.input(name, OnnxDataType.FLOAT, shape);
    return this.floatType === OnnxDataType.FLOAT ? value : this.node('Cast', [value], { to: int(this.floatType) }, { prefix: `${name}/compute` });
  }

  /** A float32 graph output from a compute-type value. */
  floatOutput(name: string, value: string, shape: readonly Dim[]): void {
    const wide = this.floatType === OnnxDataType.FLOAT ? value : this.node('Cast', [value], { to: int(OnnxDataType.FLOAT) }, { prefix: `${name}/float32` });
    this.output(name, wide, OnnxDataType.FLOAT, shape);
  }

  /** Adds a node with `outputCount` outputs named after `prefix`; returns their names. */
  nodeN(
    opType: string,
    inputs: readonly string[],
    outputCount: number,
    attributes: Record<string, Attribute> = {},
    options: { domain?: string; prefix?: string; outputNames?: readonly string[] } = {},
  ): string[] {
    const prefix = options.prefix ?? opType;
    if (options.outputNames) for (const n of options.outputNames) this.claim(n);
    const outputs = options.outputNames
      ? [...options.outputNames]
      : Array.from({ length: outputCount }, (_, i) => this.unique(outputCount === 1 ? prefix : `${prefix}_out${i}`));
    const domain = options.domain ?? '';
    this.nodes.push({ opType, domain, name: this.unique(`${prefix}/node`), inputs: [...inputs], outputs, attributes });
    return outputs;
  }

  /** Adds a single-output node. */
  node(opType: string, inputs: readonly string[], attributes: Record<string, Attribute> = {}, options: { domain?: string; prefix?: string } = {}): string {
    return this.nodeN(opType, inputs, 1, attributes, options)[0];
  }

  /** Records that a non-default operator domain is used. */
  useDomain(domain: string, version: number): void {
    this.domains.set(domain, version);
  }

  /** Total bytes of all initializers. */
  get initializerBytes(): number {
    return this.initializers.reduce((sum, i) => sum + i.byteLength, 0);
  }

  /** Plain `onnx.NodeProto` objects. */
  nodeProtos(): Record<string, unknown>[] {
    return this.nodes.map((n) => ({
      name: n.name,
      op_type: n.opType,
      domain: n.domain,
      input: n.inputs,
      output: n.outputs,
      attribute: Object.entries(n.attributes).map(([k, v]) => attributeProto(k, v)),
    }));
  }

  private claim(name: string): void {
    if (this.names.has(name)) throw new GraphBuildError(`value name "${name}" is already used in graph ${this.name}`);
    this.names.add(name);
  }
}
