import { describeParity } from '@altclip/core/testing';
import { createTfjsBackend } from './createTfjsBackend.js';

// Node runtimes; `tensorflow` (@tensorflow/tfjs-node) cannot be installed on this machine (its
// install downloads libtensorflow), so it is not in the suite — see README.
describeParity({ name: 'tfjs-wasm', createBackend: () => createTfjsBackend({ backend: 'wasm' }) });
describeParity({ name: 'tfjs-cpu', createBackend: () => createTfjsBackend({ backend: 'cpu' }) });
