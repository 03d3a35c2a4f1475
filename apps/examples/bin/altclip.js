#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (`pnpm build` makes it).
import { runCli } from '../dist/cli/runCli.js';

const code = await runCli(process.argv.slice(2));
// Exit explicitly: a runtime's handles (a GPU device, wasm worker threads) must not keep a finished
// command alive. stdout/stderr writes to files and pipes are synchronous on Linux, so nothing is lost.
process.exit(code);
