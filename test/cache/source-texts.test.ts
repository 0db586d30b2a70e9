import { describe, expect, it } from 'vitest';
import { SourceTexts } from '../../src/app/source-texts.js';
import type { SourceFile } from '../../src/types.js';

/** Files whose text getter counts the reads, as the result cache's lazily read files do. */
function files(reads: string[]): SourceFile[] {
  return ['b.yaml', 'a.yaml', 'Dockerfile'].map((displayPath) => {
    const file = { path: `/p/${displayPath}`, displayPath, kind: 'kubernetes' as const, explicit: false };
    return Object.defineProperty(file, 'text', {
      enumerable: true,
      get: () => (reads.push(displayPath), `text of ${displayPath}`),
    }) as SourceFile;
  });
}

describe('SourceTexts', () => {
  it('reads a text only when it is asked for, once, and keeps the order of the files', () => {
    const reads: string[] = [];
    const texts = new SourceTexts(files(reads));
    expect(texts.size).toBe(3);
    expect([...texts.keys()]).toEqual(['b.yaml', 'a.yaml', 'Dockerfile']);
    expect(texts.has('a.yaml')).toBe(true);
    expect(reads).toEqual([]);
    expect(texts.get('a.yaml')).toBe('text of a.yaml');
    expect(texts.get('a.yaml')).toBe('text of a.yaml');
    expect(texts.get('nope')).toBeUndefined();
    expect(reads).toEqual(['a.yaml']);
  });

  it('reads every text when iterated, as a Map built from the texts would hold them', () => {
    const reads: string[] = [];
    const texts = new SourceTexts(files(reads));
    const plain = new Map(files([]).map((f) => [f.displayPath, f.text]));
    expect([...texts]).toEqual([...plain]);
    expect([...texts.values()]).toEqual([...plain.values()]);
    const seen: string[] = [];
    texts.forEach((text, key) => seen.push(`${key}=${text}`));
    expect(seen).toEqual([...plain].map(([k, v]) => `${k}=${v}`));
    expect(reads.sort()).toEqual(['Dockerfile', 'a.yaml', 'b.yaml']);
  });

  it('takes a text set in place of the file, and forgets deleted keys', () => {
    const reads: string[] = [];
    const texts = new SourceTexts(files(reads));
    texts.set('b.yaml', 'fixed');
    texts.delete('Dockerfile');
    expect([...texts]).toEqual([
      ['b.yaml', 'fixed'],
      ['a.yaml', 'text of a.yaml'],
    ]);
    expect(reads).toEqual(['a.yaml']);
  });
});
