#!/usr/bin/env node
// The `ahakit` command. The collector is written in TypeScript and run through tsx's
// loader, so the package needs no separate server build.
import { register } from 'tsx/esm/api';

register();
// A reader that stops early (`ahakit schema | head`) closes the pipe: that is not an error.
process.stdout.on('error', (error) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});
const { runCli } = await import('../server/src/cli.ts');
const code = await runCli(process.argv.slice(2));
if (code >= 0) process.exitCode = code;
