#!/usr/bin/env node
// The `ahakit` command. The collector is written in TypeScript and run through tsx's
// loader, so the package needs no separate server build.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../server/src/cli.ts');
const code = await runCli(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
