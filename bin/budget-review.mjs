#!/usr/bin/env node
// The `budget-review` command: the CLI in main/cli, run through tsx so it works straight from a checkout.
import { register } from 'tsx/esm/api';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

register();
const here = path.dirname(fileURLToPath(import.meta.url));
const { main } = await import(pathToFileURL(path.join(here, '..', 'main', 'cli', 'index.ts')).href);
process.exitCode = await main(process.argv.slice(2));
