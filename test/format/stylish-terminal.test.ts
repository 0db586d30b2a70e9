import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintProject } from '../../src/app/lint-project.js';
import { formatStylish } from '../../src/format/stylish.js';
import { displayWidth } from '../../src/format/wrap.js';
import { ensureBuilt, ROOT } from '../helpers/build.js';
import { requireProgram } from '../helpers/programs.js';

// The stylish report of examples/ as a real terminal shows it, captured from tmux at 80 and 140
// columns (`capture-pane -p`). Regenerate after a change to the examples or the layout with
// UPDATE_SCREENS=1 npx vitest run test/format/stylish-terminal.test.ts (needs tmux).
const SCREENS = join(ROOT, 'test/format/screens');
const WIDTHS = [80, 140] as const;
const screenFile = (width: number) => join(SCREENS, `examples-${width}.txt`);

function examplesReport() {
  return lintProject({ cwd: ROOT, paths: ['examples'] }).report;
}

/** Runs the built CLI on examples/ in a detached tmux session `width` columns wide and returns the screen. */
function captureInTmux(width: number): string {
  const socket = `k8slint-test-${process.pid}-${width}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', socket, '-f', '/dev/null', ...args], { cwd: ROOT, encoding: 'utf8' });
  const command = `${JSON.stringify(process.execPath)} dist/src/cli/main.js examples; echo "[exit $?]"; sleep 60`;
  const started = tmux('new-session', '-d', '-x', String(width), '-y', '400', '-s', 'k8slint', command);
  if (started.status !== 0) throw new Error(`tmux new-session failed: ${started.stderr}`);
  try {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const screen = tmux('capture-pane', '-p', '-t', 'k8slint', '-S', '0', '-E', '-').stdout;
      const lines = screen.split('\n');
      const end = lines.findIndex((l) => /^\[exit \d+\]$/.test(l));
      if (end >= 0) return lines.slice(0, end).join('\n') + '\n';
      if (Date.now() > deadline) throw new Error(`k8slint did not finish in tmux within 20 s:\n${screen}`);
      spawnSync('sleep', ['0.2']);
    }
  } finally {
    tmux('kill-server');
  }
}

describe('stylish report at terminal widths', () => {
  it.each(WIDTHS)('renders examples/ at %i columns exactly as the captured tmux screen', (width) => {
    const expected = readFileSync(screenFile(width), 'utf8');
    expect(formatStylish(examplesReport(), { color: false, width })).toBe(expected);
  });

  it.each([40, 60, 80, 100, 140, 200])('at %i columns no line is wider than the terminal and no rule id is broken', (width) => {
    const report = examplesReport();
    const out = formatStylish(report, { color: false, width });
    const lines = out.split('\n');
    // At 40 columns an id wider than the message column may overhang; it is still never cut.
    const longestId = Math.max(...report.findings.map((f) => f.ruleId.length + (f.fix ? ' (unsafe fix)'.length : 0)));
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(Math.max(width, 18 + longestId));
    if (width >= 60) for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    const words = new Set(out.split(/[\s()]+/));
    for (const f of report.findings) expect(words.has(f.ruleId), `${f.ruleId} whole at ${width}`).toBe(true);
    // No trailing padding: rows end with text.
    for (const line of lines) expect(line).toBe(line.trimEnd());
  });

  it('the widths differ where they should: 140 columns keeps rows on one line that 80 wraps', () => {
    const narrow = formatStylish(examplesReport(), { color: false, width: 80 }).split('\n');
    const wide = formatStylish(examplesReport(), { color: false, width: 140 }).split('\n');
    expect(wide.length).toBeLessThan(narrow.length);
    expect(wide).toContain('  15:7   warning  Deployment "trainer" uses the host network  host-network (Deployment/ml/trainer)');
    expect(narrow).toContain('  15:7   warning  Deployment "trainer" uses the host network  host-network');
    expect(narrow).toContain('                  (Deployment/ml/trainer)');
  });
});

describe('README', () => {
  it('its stylish snippet is what k8slint prints at the default 80 columns', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const start = readme.indexOf('$ node dist/src/cli/main.js examples/deployment.yaml\n');
    expect(start).toBeGreaterThan(0);
    const snippet = readme.slice(start, readme.indexOf('```', start)).trimEnd().split('\n').slice(1);
    const report = lintProject({ cwd: ROOT, paths: ['examples/deployment.yaml'] }).report;
    const out = formatStylish(report, { color: false }).trimEnd().split('\n');
    // `…` stands for rows left out; the rest is a run of consecutive lines of the real output.
    const shown = snippet.filter((l) => l.trim() !== '…');
    // The summary (from its ✖ line to the end) closes both; the rows before it are a run of real lines.
    const summaryAt = shown.findIndex((l) => l.startsWith('✖'));
    const body = shown.slice(1, summaryAt);
    const at = out.indexOf(body[0] ?? '');
    expect(at).toBeGreaterThan(0);
    expect(out.slice(at, at + body.length)).toEqual(body);
    expect(out[0]).toBe(shown[0]);
    expect(out.slice(out.findIndex((l) => l.startsWith('✖')))).toEqual(shown.slice(summaryAt));
  });
});

const tmux = requireProgram('tmux');

describe('stylish report in a real terminal (tmux)', tmux.options, () => {
  it.each(WIDTHS)('a %i-column tmux pane shows the committed screen', (width) => {
    ensureBuilt();
    const screen = captureInTmux(width);
    if (process.env.UPDATE_SCREENS === '1' || !existsSync(screenFile(width))) writeFileSync(screenFile(width), screen);
    expect(screen).toBe(readFileSync(screenFile(width), 'utf8'));
  });
});
