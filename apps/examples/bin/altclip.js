#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (`pnpm build` makes it).
// LanceDB's native logger prints routine notices (a table created, a deprecation) at WARN on stderr, which
// would interleave with the CLI's own one-line messages; errors still print. The user's setting wins.
process.env.LANCEDB_LOG ??= 'error';
const { runCli } = await import('../dist/cli/runCli.js');

const code = await runCli(process.argv.slice(2));
// Exit explicitly: a runtime's handles (a GPU device, wasm worker threads) must not keep a finished
// command alive. stdout/stderr writes to files and pipes are synchronous on Linux, so nothing is lost.
process.exit(code);
