import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, defaultClientConditions, defaultServerConditions } from 'vite';
import type { TestProjectConfiguration } from 'vitest/config';

// One configuration for the whole monorepo: a Node project per package and one
// browser project (Debian's headless Chromium through Playwright) for every
// `*.browser.test.ts`. Packages never carry their own copy.

const root = fileURLToPath(new URL('.', import.meta.url));

// Workspace packages export `source` → src/*.ts, so tests run without a build.
const serverConditions = ['source', ...defaultServerConditions];
const clientConditions = ['source', ...defaultClientConditions];

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const chromiumArgs = [
  '--no-sandbox',
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

const packageDirs = ['packages', 'apps'].flatMap((group) =>
  readdirSync(`${root}${group}`, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(`${root}${group}/${d.name}/package.json`))
    .map((d) => `${group}/${d.name}`),
);

const nodeProjects: TestProjectConfiguration[] = packageDirs.map((dir) => ({
  extends: true,
  test: {
    name: `@altclip/${dir.split('/')[1]}`,
    root: `${root}${dir}`,
    include: ['src/**/*.test.ts'],
    exclude: ['src/**/*.browser.test.ts', '**/node_modules/**'],
    environment: 'node',
  },
}));

const browserProject: TestProjectConfiguration = {
  extends: true,
  resolve: { conditions: clientConditions },
  test: {
    name: 'browser',
    root,
    include: ['{packages,apps}/*/src/**/*.browser.test.ts'],
    // A loopback hub serving the fixture for hub-id tests (browsers cannot start servers themselves), and exported
    // folders of the tiny fixture served to the page (backend-onnx's export tests).
    globalSetup: ['packages/hub/src/test-support/browserHubSetup.ts', 'packages/backend-onnx/src/export/test-support/exportFixtures.globalSetup.ts'],
    testTimeout: 120_000,
    browser: {
      enabled: true,
      headless: true,
      screenshotFailures: false,
      provider: playwright({ launchOptions: { executablePath: chromiumPath, args: chromiumArgs } }),
      instances: [{ browser: 'chromium' }],
    },
  },
};

export default defineConfig({
  resolve: { conditions: serverConditions },
  ssr: { resolve: { conditions: serverConditions, externalConditions: ['source'] } },
  server: { fs: { allow: [root] } },
  test: {
    testTimeout: 60_000,
    hookTimeout: 120_000,
    projects: [...nodeProjects, browserProject],
  },
});
