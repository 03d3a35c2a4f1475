import { describeParity } from '../describeParity.js';
import { ReferenceBackend } from './ReferenceBackend.js';

// Core's own semantics (position ids, masks, interpolation, normalisation, logits, loss,
// checkpoint splitting) proven on the float64 reference before any real backend runs.
describeParity({ name: 'reference', environment: 'node', createBackend: () => new ReferenceBackend() });
