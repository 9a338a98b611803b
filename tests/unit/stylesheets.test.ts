import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import postcss from 'postcss';
import { describe, expect, it } from 'vitest';

/**
 * Every stylesheet parses: Vite bundles them into one file, so a block left open in one (a merge that dropped a
 * closing brace) swallows the rules of every stylesheet after it — the whole viewer lost its layout once that way.
 */
const ROOT = path.resolve(import.meta.dirname, '../../renderer');

function cssFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? cssFiles(path.join(dir, e.name)) : e.name.endsWith('.css') ? [path.join(dir, e.name)] : [],
  );
}

describe('stylesheets', () => {
  it('finds the renderer stylesheets', () => {
    expect(cssFiles(ROOT).length).toBeGreaterThanOrEqual(3);
  });

  for (const file of cssFiles(ROOT)) {
    it(`${path.relative(ROOT, file)} parses with every block closed`, () => {
      expect(() => postcss.parse(readFileSync(file, 'utf8'), { from: file })).not.toThrow();
    });
  }
});
