#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript in dist/ (`pnpm build` makes it).
import { runCli } from '../dist/cli/runCli.js';

process.exitCode = await runCli(process.argv.slice(2));
