import { type LoadProgress, type ModelFiles, urlFiles } from '@altclip/core';
import type { DemoModelSource } from './DemoModelSource.js';
import { pickedModelFiles } from './pickedModelFiles.js';

/** The Cache API cache the page keeps downloaded model files in (a second load makes no request). */
export const DEMO_CACHE_NAME = 'altclip-demo-models';

/** The files of a model source, reporting each file's download progress (URL folders; picked files are local). */
export function openModelFiles(source: DemoModelSource, onProgress: (event: LoadProgress) => void): ModelFiles {
  if (source.kind === 'picked') return pickedModelFiles(source.files);
  const files = urlFiles(source.url, { cacheName: source.cache ? DEMO_CACHE_NAME : false, onProgress });
  return { ...files, name: source.name };
}
