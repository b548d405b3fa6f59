import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildSubset, generateSubset, subsetFile } from './utrecht-subset.ts';

describe('the NL Design System CSS subset', () => {
  it('is up to date with the classes our pages use (run `npm run css` after adding one)', () => {
    expect(fs.readFileSync(subsetFile, 'utf8')).toBe(generateSubset());
  });

  it('keeps rules of used classes and drops the others', () => {
    const css = '.utrecht-a{color:red}.utrecht-b{color:blue}.utrecht-a,.utrecht-b{margin:0}.utrecht-a.utrecht-b{padding:0}';
    const subset = buildSubset(css, new Set(['utrecht-a']));
    expect(subset).toContain('.utrecht-a{color:red}');
    expect(subset).toContain('.utrecht-a{margin:0}');
    expect(subset).not.toContain('blue');
    expect(subset).not.toContain('padding');
  });
});
