import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import base from '../../vitest.config';

/** Runs only the reliability tests (real child processes): `npx vitest run -c tests/reliability/vitest.config.ts`. */
export default defineConfig({
  ...base,
  root: path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..'),
  test: { ...base.test, include: ['tests/reliability/**/*.test.ts'] },
});
