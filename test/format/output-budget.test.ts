import { describe, expect, it } from 'vitest';
import { codeFrame, FRAME_WIDTH } from '../../src/format/code-frame.js';
import { formatGithub } from '../../src/format/github.js';
import { formatStylish } from '../../src/format/stylish.js';
import { sanitizeForTerminal } from '../../src/format/sanitize.js';
import { latestTag, makeFinding, privileged, sampleReport, span } from './fixtures.js';

// eslint-disable-next-line no-control-regex -- control characters are what these tests look for
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe('code frames on long lines', () => {
  it('shows a window around the span, cut ends marked, carets under the span', () => {
    const line = 'a'.repeat(5000) + 'TARGET' + 'b'.repeat(5000);
    const frame = codeFrame(line + '\n', span(1, 5001, 1, 5007));
    expect(frame).toHaveLength(2);
    const [code = '', carets = ''] = frame;
    expect(code.length).toBeLessThan(FRAME_WIDTH + 20);
    expect(code).toMatch(/^> 1 \| …a+TARGETb+…$/);
    expect(carets.indexOf('^')).toBe(code.indexOf('TARGET'));
    expect(carets).toMatch(/\| +\^{6}$/);
  });

  it('a span at the start of a long line keeps the start, cut at the end only', () => {
    const frame = codeFrame('x'.repeat(1000), span(1, 1, 1, 3));
    expect(frame[0]).toMatch(/^> 1 \| x+…$/);
    expect(frame[1]).toBe('    | ^^');
  });

  it('a span running to a later line gets carets to the window end, not the line end', () => {
    const frame = codeFrame('y'.repeat(1000) + '\nnext\n', span(1, 500, 2, 3));
    expect(frame[1]?.length).toBeLessThan(FRAME_WIDTH + 20);
  });

  it('context lines are cut to the same window', () => {
    const long = 'c'.repeat(3000);
    const frame = codeFrame(`${long}\n${'t'.repeat(3000)}\n${long}\n`, span(2, 2000, 2, 2001));
    for (const line of frame) expect(line.length).toBeLessThan(FRAME_WIDTH + 20);
  });

  it('one frame for several findings on one line, with carets under each', () => {
    const text = 'RUN a && b && c\n';
    const findings = [
      makeFinding(latestTag, 'Dockerfile', span(1, 5, 1, 6), 'first'),
      makeFinding(latestTag, 'Dockerfile', span(1, 10, 1, 11), 'second'),
      makeFinding(latestTag, 'Dockerfile', span(1, 15, 1, 16), 'third'),
    ];
    const out = formatStylish(sampleReport({ findings, errors: [], sources: new Map([['Dockerfile', text]]) }), { color: false });
    expect(out).toBe(
      [
        'Dockerfile',
        '  1:5   warning  first  no-latest-tag',
        '  1:10  warning  second  no-latest-tag',
        '  1:15  warning  third  no-latest-tag',
        '    > 1 | RUN a && b && c',
        '        |     ^    ^    ^',
        '',
        '✖ 3 problems (0 errors, 3 warnings, 0 info)',
        '',
      ].join('\n'),
    );
  });

  it('output stays linear: 3,000 findings on one 150 KB line print a few hundred KB, fast', () => {
    const commands = Array.from({ length: 3000 }, (_, i) => `apt-get install pkg${i}`);
    const text = `FROM x\nRUN ${commands.join(' && ')}\n`;
    let column = 5;
    const findings = commands.map((c) => {
      const f = makeFinding(latestTag, 'Dockerfile', span(2, column, 2, column + c.length), `problem in ${c}`);
      column += c.length + 4;
      return f;
    });
    const started = Date.now();
    const out = formatStylish(sampleReport({ findings, errors: [], sources: new Map([['Dockerfile', text]]) }), { color: true });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(out.length).toBeLessThan(1_000_000);
    // eslint-disable-next-line no-control-regex -- strips our own colour codes
    const colour = /\u001b\[\d+m/g;
    expect(
      out
        .replace(colour, '')
        .split('\n')
        .filter((l) => l.includes('> 2 |')),
    ).toHaveLength(1);
  });
});

describe('terminal escapes from the input are never printed raw', () => {
  const hostile = 'evil\u001b]0;pwned\u0007\u001b[2J\u001b]8;;https://x.example\u001b\\link\u001b]8;;\u001b\\\u009b31m\r\u202eend';

  it('sanitizes code frames, messages, objects and input errors in stylish, with and without colour', () => {
    const text = `name: ${hostile}\n`;
    const findings = [
      makeFinding(privileged, `file${'\u001b'}[1m.yaml`, span(1, 7, 1, 7 + hostile.length), `bad value ${hostile}`, {
        object: `Pod/${hostile}`,
      }),
    ];
    const errors = [{ file: 'x.yaml', message: `syntax error near ${hostile}` }];
    for (const color of [false, true]) {
      const out = formatStylish(sampleReport({ findings, errors, sources: new Map([[findings[0]!.file, text]]) }), { color });
      // eslint-disable-next-line no-control-regex -- strips our own colour codes
      const withoutOurColours = out.replace(/\u001b\[\d+(;\d+)*m/g, '');
      expect(withoutOurColours).not.toMatch(CONTROL);
      expect(out).not.toContain('\u202e');
      expect(out).toContain('\\x1b]0;pwned\\x07');
    }
  });

  it('carets stay under the span when escapes widen the line', () => {
    const frame = codeFrame('a\u001bb TARGET\n', span(1, 5, 1, 11));
    const [code = '', carets = ''] = frame;
    expect(carets.indexOf('^')).toBe(code.indexOf('TARGET'));
  });

  it('sanitizes GitHub annotations', () => {
    const findings = [makeFinding(privileged, 'a.yaml', span(1, 1, 1, 2), `bad ${hostile}`)];
    const out = formatGithub(sampleReport({ findings, errors: [{ file: 'b.yaml', message: hostile }] }), { color: false });
    expect(out.replace(/\n/g, '')).not.toMatch(CONTROL);
    expect(out).not.toContain('\u202e');
  });

  it('keeps tabs and newlines, escapes the rest', () => {
    expect(sanitizeForTerminal('a\tb\nc\u0007d\u001b')).toBe('a\tb\nc\\x07d\\x1b');
  });
});
