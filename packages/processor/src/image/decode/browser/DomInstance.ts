/**
 * A browser global's instance type (`DomInstance<'ImageData'>` is `ImageData`), or `never` where the DOM lib is
 * absent: the published .d.ts files then type-check in Node projects (no `lib: ["DOM"]`, skipLibCheck false) while
 * browser projects get the real types.
 */
export type DomInstance<K extends string> = K extends keyof typeof globalThis
  ? (typeof globalThis)[K] extends abstract new (...args: never) => infer T
    ? T
    : never
  : never;
