import { createRequire } from 'node:module';
import type * as arrow from 'apache-arrow';
import type { ImageRecord } from './VectorStore.js';

/**
 * apache-arrow as LanceDB sees it. LanceDB is CommonJS and `require`s apache-arrow; an ESM `import` of it
 * gets the package's other (ESM) build, whose classes fail LanceDB's `instanceof` checks ("Table and inner
 * RecordBatch schemas must be equivalent"). Resolving it from LanceDB's own location gives the same module.
 */
export function lanceArrow(): typeof arrow {
  const require = createRequire(import.meta.url);
  return createRequire(require.resolve('@lancedb/lancedb'))('apache-arrow');
}

/** The store's row schema: path, vector (fixed-size list of float32), sha256, mtime_ms, bytes. */
export function storeSchema(a: typeof arrow, dim: number): arrow.Schema {
  return new a.Schema([
    new a.Field('path', new a.Utf8(), false),
    new a.Field('vector', new a.FixedSizeList(dim, new a.Field('item', new a.Float32(), true)), false),
    new a.Field('sha256', new a.Utf8(), false),
    new a.Field('mtime_ms', new a.Float64(), false),
    new a.Field('bytes', new a.Int64(), false),
  ]);
}

/**
 * Records as one Arrow record batch, the vectors copied once into one Float32Array column. LanceDB's row
 * objects path (`table.add([{vector: number[]…}])`) infers a schema and boxes every float as a JS number:
 * at 20 000 × 768 that is 15 M boxed numbers per chunk, and it was what made loading 10⁵ vectors take minutes.
 */
export function recordsTable(records: readonly ImageRecord[], dim: number): arrow.Table {
  const a = lanceArrow();
  const schema = storeSchema(a, dim);
  const n = records.length;
  const flat = new Float32Array(n * dim);
  const mtimes = new Float64Array(n);
  const sizes = new BigInt64Array(n);
  for (const [i, r] of records.entries()) {
    flat.set(r.vector, i * dim);
    mtimes[i] = r.mtimeMs;
    sizes[i] = BigInt(r.bytes);
  }
  const vectorField = schema.fields[1];
  const vectorType = vectorField.type as arrow.FixedSizeList<arrow.Float32>;
  const utf8 = (values: string[]) => a.vectorFromArray(values, new a.Utf8()).data[0];
  const children = [
    utf8(records.map((r) => r.path)),
    a.makeData({ type: vectorType, length: n, nullCount: 0, child: a.makeData({ type: new a.Float32(), length: n * dim, nullCount: 0, data: flat }) }),
    utf8(records.map((r) => r.sha256)),
    a.makeData({ type: new a.Float64(), length: n, nullCount: 0, data: mtimes }),
    a.makeData({ type: new a.Int64(), length: n, nullCount: 0, data: sizes }),
  ];
  const batch = new a.RecordBatch(schema, a.makeData({ type: new a.Struct(schema.fields), length: n, nullCount: 0, children }));
  return new a.Table(schema, batch);
}
