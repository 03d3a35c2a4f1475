import { AltCLIPConfig } from '@altclip/config';
import { writeBenchCheckpoint } from './dist/bench/writeBenchCheckpoint.js';
const r = await writeBenchCheckpoint('/work/fullsize/checkpoint', AltCLIPConfig.baai());
console.log(JSON.stringify({ ...r, maxRss: process.resourceUsage().maxRSS * 1024 }));
