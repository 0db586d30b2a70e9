/** A unified diff (`diff -u` / `git diff` style) of two texts, for `--fix-dry-run`. */
export function unifiedDiff(path: string, before: string, after: string, context = 3): string {
  if (before === after) return '';
  const a = splitLines(before);
  const b = splitLines(after);
  const ops = lineOps(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    while (i < ops.length && ops[i]!.kind === ' ') i++; // i < length
    if (i >= ops.length) break;
    const start = Math.max(0, i - context);
    let end = i;
    // Extend while the next change is within 2 × context unchanged lines.
    for (let j = i; j < ops.length; j++) {
      if (ops[j]!.kind !== ' ')
        end = j; // j < length
      else if (j - end > 2 * context) break;
    }
    const stop = Math.min(ops.length, end + context + 1);
    const slice = ops.slice(start, stop);
    const first = ops[start]!; // start < length
    const oldCount = slice.filter((o) => o.kind !== '+').length;
    const newCount = slice.filter((o) => o.kind !== '-').length;
    const header = `@@ -${range(first.oldLine, oldCount)} +${range(first.newLine, newCount)} @@`;
    hunks.push(header, ...slice.map((o) => `${o.kind}${o.text}${o.noNewline ? '\n\\ No newline at end of file' : ''}`));
    i = stop;
  }
  return [`--- a/${path}`, `+++ b/${path}`, ...hunks].join('\n') + '\n';
}

interface LineOp {
  kind: ' ' | '-' | '+';
  text: string;
  /** 1-based line in the old text where this op sits (for hunk headers). */
  oldLine: number;
  newLine: number;
  noNewline: boolean;
}

interface Line {
  text: string;
  noNewline: boolean;
}

function splitLines(text: string): Line[] {
  if (text === '') return [];
  const parts = text.split('\n');
  const endsWithNewline = parts[parts.length - 1] === '';
  if (endsWithNewline) parts.pop();
  return parts.map((p, i) => ({ text: p, noNewline: i === parts.length - 1 && !endsWithNewline }));
}

function range(line: number, count: number): string {
  if (count === 0) return `${line - 1},0`;
  return count === 1 ? `${line}` : `${line},${count}`;
}

/** Myers' shortest edit script over lines. */
function lineOps(a: Line[], b: Line[]): LineOp[] {
  const same = (x: Line, y: Line) => x.text === y.text && x.noNewline === y.noNewline;
  const n = a.length;
  const m = b.length;
  const max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      const down = k === -d || (k !== d && v[k - 1 + max]! < v[k + 1 + max]!);
      let x = down ? v[k + 1 + max]! : v[k - 1 + max]! + 1;
      let y = x - k;
      while (x < n && y < m && same(a[x]!, b[y]!)) {
        x++;
        y++;
      }
      v[k + max] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: LineOp[] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d--) {
    const vd = trace[d]!; // d < trace.length
    const k = x - y;
    const down = k === -d || (k !== d && vd[k - 1 + max]! < vd[k + 1 + max]!);
    const prevK = down ? k + 1 : k - 1;
    const prevX = vd[prevK + max]!;
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) {
      x--;
      y--;
      ops.push(op(' ', a[x]!, x, y));
    }
    if (d === 0) break;
    if (down) {
      y--;
      ops.push(op('+', b[y]!, x, y));
    } else {
      x--;
      ops.push(op('-', a[x]!, x, y));
    }
  }
  return ops.reverse();
}

function op(kind: LineOp['kind'], line: Line, x: number, y: number): LineOp {
  return { kind, text: line.text, oldLine: x + 1, newLine: y + 1, noNewline: line.noNewline };
}
