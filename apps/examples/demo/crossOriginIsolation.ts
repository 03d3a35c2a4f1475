import type { Plugin } from 'vite';

/**
 * What makes the page cross-origin isolated (`crossOriginIsolated === true`: SharedArrayBuffer, so ORT's
 * and tfjs's wasm runtimes can run threads): COOP + COEP on the document, and COEP on every worker script
 * (a dedicated worker takes its own policy from its script's response: the demo worker and ORT's pthread
 * workers). CORP marks every file as same-origin content, which require-corp documents may embed.
 * Set on every response of the dev and preview servers, before any other middleware (the model files
 * served by serveStaticFiles included), rather than through `server.headers`, which covers Vite's own files only.
 */
export const CROSS_ORIGIN_ISOLATION_HEADERS: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export function crossOriginIsolation(): Plugin {
  const middleware = (_req: unknown, res: { setHeader(name: string, value: string): void }, next: () => void) => {
    for (const [name, value] of Object.entries(CROSS_ORIGIN_ISOLATION_HEADERS)) res.setHeader(name, value);
    next();
  };
  return {
    name: 'altclip-demo:cross-origin-isolation',
    configureServer(server) {
      server.middlewares.use(middleware);
    },
    configurePreviewServer(server) {
      server.middlewares.use(middleware);
    },
  };
}
