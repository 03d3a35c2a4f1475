// Node-only entry: file cache and onnxruntime-node. Browser bundles import `.` only.
export * from './index.js';
export { createOnnxNodeBackend, type OnnxNodeBackendOptions } from './node/createOnnxNodeBackend.js';
export { FileCacheSessionFactory, defaultCacheDir, type FileCacheOptions } from './node/FileCacheSessionFactory.js';
export { graphCacheKey, GRAPH_FORMAT_VERSION } from './node/graphCacheKey.js';
export { benchOnnx, type BenchOnnxOptions, type BenchOnnxResult } from './bench/benchOnnx.js';
export { BENCH_CONFIGS, type BenchConfigName } from './bench/benchConfigs.js';
export { webgpuUnavailableReason } from './node/webgpuProbe.js';
export { exportModel, exportWeights, COPIED_FILES, type ExportOptions, type ExportResult, type ExportSettings, type ExportTower, type ExportWeightsOptions } from './export/exportModel.js';
export { ExportError } from './export/ExportError.js';
export { type ExportParity, fixtureShapedInputs } from './export/exportParity.js';
