import { describe, expect, it } from 'vitest';
import { escapeData, escapeProperty, formatGithub } from '../../src/format/github.js';
import { latestTag, makeFinding, requests, sampleReport, span } from './fixtures.js';

describe('github formatter', () => {
  it('writes one workflow command per finding and input error', () => {
    const lines = formatGithub(sampleReport(), { color: false }).split('\n');
    expect(lines).toEqual([
      '::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=19,title=no-latest-tag::Image ubuntu uses the latest tag',
      '::error file=deploy/web app.yaml,line=11,col=13,endLine=11,endColumn=29,title=no-privileged::Container app is privileged (from chart/templates/web.yaml)',
      // Multi-line span: GitHub only accepts columns on single-line annotations.
      '::notice file=deploy/web app.yaml,line=9,endLine=11,title=resource-requests::Container app has no resource requests',
      '::error file=broken.yaml,line=3,col=7::bad indentation of a mapping entry',
      '',
    ]);
  });

  it('escapes data and property values', () => {
    expect(escapeData('100% done\r\nnext: a,b')).toBe('100%25 done%0D%0Anext: a,b');
    expect(escapeProperty('a:b,c%\n')).toBe('a%3Ab%2Cc%25%0A');
    const finding = makeFinding(latestTag, 'dir,x/a:b.yaml', span(2, 1, 2, 3), 'tag "latest" is 100%\nmutable: yes, really');
    const report = sampleReport({ findings: [finding], errors: [{ file: 'c,d.yaml', message: 'line 1\nline 2' }] });
    expect(formatGithub(report, { color: false })).toBe(
      '::warning file=dir%2Cx/a%3Ab.yaml,line=2,col=1,endLine=2,endColumn=3,title=no-latest-tag::tag "latest" is 100%25%0Amutable: yes, really\n' +
        '::error file=c%2Cd.yaml::line 1%0Aline 2\n',
    );
  });

  it('maps info to notice and honours quiet', () => {
    const info = makeFinding(requests, 'a.yaml', span(1, 1, 1, 2), 'm');
    expect(formatGithub(sampleReport({ findings: [info], errors: [] }), { color: false })).toMatch(/^::notice /);
    expect(formatGithub(sampleReport({ findings: [info], errors: [] }), { color: false, quiet: true })).toBe('');
  });
});
