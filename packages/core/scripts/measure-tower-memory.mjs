// Peak RSS of AltCLIPModel with both towers vs one tower, in the full BAAI/AltCLIP architecture with random
// weights (HF's init scheme, seeded). Run once by hand, never in tests: the full model needs ~4-6 GB of RAM.
//   pnpm --filter @altclip/core exec tsc -b && node packages/core/scripts/measure-tower-memory.mjs text
// Each configuration runs in its own process (argv[2]: 'both' | 'text' | 'vision'), so peaks do not mix.
// The backend holds the tower weights it receives and computes nothing: what is measured is what core allocates
// and hands over, which any real backend must hold at least once.
import { AltCLIPConfig, BAAI_ALTCLIP_CONFIG } from '@altclip/config';
import { AltCLIPModel } from '@altclip/core';

const which = process.argv[2] ?? 'both';
const towers = which === 'both' ? ['text', 'vision'] : [which];
const held = [];
const countBytes = (weights) => [...weights.values()].reduce((n, t) => n + t.data.byteLength, 0);
const backend = {
  specificationVersion: 'v1',
  name: 'holding',
  capabilities: { dtypes: ['fp32'], hiddenStates: false, attentions: false },
  async loadTextTower(_config, weights) {
    held.push(weights);
    return { run: async () => ({}), dispose: async () => {} };
  },
  async loadVisionTower(_config, weights) {
    held.push(weights);
    return { run: async () => ({}), dispose: async () => {} };
  },
};
const started = performance.now();
const model = await AltCLIPModel.fromConfig(AltCLIPConfig.fromDict(BAAI_ALTCLIP_CONFIG), { backend, towers });
globalThis.gc?.();
const bytes = held.reduce((n, w) => n + countBytes(w), 0);
console.log(
  JSON.stringify({
    towers: model.towers,
    weightsHandedToBackendMB: Math.round(bytes / 2 ** 20),
    peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024),
    seconds: Math.round((performance.now() - started) / 1000),
  }),
);
