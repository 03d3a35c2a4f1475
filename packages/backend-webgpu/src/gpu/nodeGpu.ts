import { existsSync } from 'node:fs';
import { WebGPUUnavailableError } from '../errors/WebGPUUnavailableError.js';

/** Where Debian's chromium package installs SwiftShader's Vulkan ICD. */
const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

let gpuPromise: Promise<GPU> | undefined;

/**
 * WebGPU for Node through the optional `webgpu` package (Dawn). One Dawn instance per
 * process: creating several is slow and each keeps its own Vulkan instance. Reached only through the package
 * import `#nodeGpu`, whose `browser` condition selects `nodeGpu.browser.ts`: browser bundles never see node:fs.
 */
export function nodeGpu(): Promise<GPU> {
  gpuPromise ??= createNodeGpu();
  return gpuPromise;
}

async function createNodeGpu(): Promise<GPU> {
  await useSwiftShaderWhenNoIcdIsConfigured();
  let webgpu: { create(options: string[]): GPU };
  try {
    // A variable specifier keeps bundlers from following this Node-only import (Dawn's native loader)
    // into browser builds; browsers take the navigator.gpu path and never reach it.
    const specifier = 'webgpu';
    webgpu = (await import(/* @vite-ignore */ specifier)) as unknown as { create(options: string[]): GPU };
  } catch (cause) {
    gpuPromise = undefined;
    throw new WebGPUUnavailableError(
      `@altclip/backend-webgpu needs the optional peer dependency "webgpu" in Node (npm install webgpu): ${String(cause)}`,
    );
  }
  return webgpu.create([]);
}

/**
 * Dawn finds Vulkan drivers through the Vulkan loader. On a machine without a GPU the
 * only usable driver is SwiftShader (shipped with Debian's chromium), which the loader
 * only sees when VK_ICD_FILENAMES points at it; an explicit user setting always wins.
 */
async function useSwiftShaderWhenNoIcdIsConfigured(): Promise<void> {
  if (process.env.VK_ICD_FILENAMES || process.env.VK_DRIVER_FILES) return;
  // Pinning the loader to SwiftShader would hide a real GPU, so only when none is visible.
  const hasGpuDeviceNode = existsSync('/dev/dri') || existsSync('/dev/nvidia0');
  if (!hasGpuDeviceNode && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
}
