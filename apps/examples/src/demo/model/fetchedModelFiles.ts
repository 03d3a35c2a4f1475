import { MemoryByteSource, type ModelFiles } from '@altclip/core';
import { DemoInputError } from '../DemoInputError.js';

/** A model folder served over HTTP (the bundled checkpoint): files are fetched when core opens them; 404 = absent. */
export function fetchedModelFiles(baseUrl: URL, name = baseUrl.href): ModelFiles {
  const base = baseUrl.href.endsWith('/') ? baseUrl.href : `${baseUrl.href}/`;
  return {
    name,
    async open(filename) {
      const url = new URL(filename, base);
      const response = await fetch(url);
      if (response.status === 404) return null;
      if (!response.ok) throw new DemoInputError(`model: fetching ${url.href} failed with HTTP ${response.status}`);
      return new MemoryByteSource(await response.arrayBuffer(), `${name}/${filename}`);
    },
  };
}
