// Test helpers (Node only): a loopback hub in the hub's URL layout and a cache written like Python's.
export { type LoopbackFault, LoopbackHub, type LoopbackHubOptions, type LoopbackRequest } from './LoopbackHub.js';
export { writePythonHubCache } from './pythonHubCache.js';
