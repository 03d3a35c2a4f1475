import { describeParity } from '../describeParity.js';
import { ReferenceBackend } from './ReferenceBackend.js';

// The same suite in Chromium: fixture bytes are fetched from the vitest browser server,
// proving describeParity and core's model API run unchanged in a browser.
describeParity({ name: 'reference', environment: 'browser', createBackend: () => new ReferenceBackend() });
