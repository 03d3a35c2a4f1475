/** A node attribute, tagged because ONNX distinguishes 1 (INT) from 1.0 (FLOAT). */
export type Attribute =
  | { readonly kind: 'int'; readonly value: number }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'ints'; readonly value: readonly number[] }
  | { readonly kind: 'string'; readonly value: string };

export const int = (value: number): Attribute => ({ kind: 'int', value });
export const float = (value: number): Attribute => ({ kind: 'float', value });
export const ints = (value: readonly number[]): Attribute => ({ kind: 'ints', value });
export const str = (value: string): Attribute => ({ kind: 'string', value });

/** The `onnx.AttributeProto` plain object for protobufjs. */
export function attributeProto(name: string, attribute: Attribute): Record<string, unknown> {
  switch (attribute.kind) {
    case 'int':
      return { name, type: 2, i: attribute.value };
    case 'float':
      return { name, type: 1, f: attribute.value };
    case 'ints':
      return { name, type: 7, ints: [...attribute.value] };
    case 'string':
      return { name, type: 3, s: new TextEncoder().encode(attribute.value) };
  }
}
