import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';
import { LoopbackHub } from '../testing/LoopbackHub.js';

// globalSetup of the browser project: browser tests cannot open a server, so one loopback hub serving the fixture
// (repo 'local/altclip-tiny') runs in the vitest process for the whole run; tests get its URL with inject().

declare module 'vitest' {
  export interface ProvidedContext {
    altclipHubEndpoint: string;
  }
}

const FILES = [
  'config.json',
  'model.safetensors',
  'preprocessor_config.json',
  'tokenizer.json',
  'sentencepiece.bpe.model',
  'tokenizer_config.json',
  'special_tokens_map.json',
];

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const dir = fileURLToPath(new URL('../../../../fixtures/altclip-tiny/', import.meta.url));
  const files = await LoopbackHub.readFolder(dir, FILES);
  // 'local/faulty' is for fault-injection tests, so their faults never meet the other tests' downloads.
  const hub = await LoopbackHub.start({ repos: { 'local/altclip-tiny': files, 'local/faulty': files } });
  project.provide('altclipHubEndpoint', hub.endpoint);
  return () => hub.close();
}
