/**
 * The inline expectations of a rule test file, in the format of k8slint's own fixtures: `# expect: id`
 * at the end of a line, `# expect-next-line: id` above one, or a caret line `# ^^^ id` under the
 * columns a finding must cover. Ids may be plugin ids (`acme/team-label`).
 */
export interface Expectation {
  ruleId: string;
  line: number;
  column?: number;
  endColumn?: number;
}

const IDS = String.raw`([\w\-./, ]+)`;
const EXPECT_EOL = new RegExp(String.raw`#\s*expect:\s*${IDS}\s*$`);
const EXPECT_NEXT = new RegExp(String.raw`^\s*#\s*expect-next-line:\s*${IDS}\s*$`);
const CARET = new RegExp(String.raw`^(\s*#\s*)(\^+)\s+${IDS}\s*$`);

const ids = (list: string): string[] => list.split(/[,\s]+/).filter(Boolean);

export function readExpectations(text: string): Expectation[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const expectations: Expectation[] = [];
  const isMarker = (line: string | undefined): boolean => line !== undefined && (EXPECT_NEXT.test(line) || CARET.test(line));
  lines.forEach((line, index) => {
    const next = EXPECT_NEXT.exec(line);
    if (next) {
      let target = index + 1;
      while (target < lines.length && isMarker(lines[target])) target++;
      for (const ruleId of ids(next[1] ?? '')) expectations.push({ ruleId, line: target + 1 });
      return;
    }
    const caret = CARET.exec(line);
    if (caret) {
      let target = index - 1;
      while (target >= 0 && isMarker(lines[target])) target--;
      const column = (caret[1] ?? '').length + 1;
      const endColumn = column + (caret[2] ?? '').length;
      for (const ruleId of ids(caret[3] ?? '')) {
        // A caret under a line that already expects this rule gives that expectation its columns.
        const existing = expectations.find((e) => e.ruleId === ruleId && e.line === target + 1 && e.column === undefined);
        if (existing) Object.assign(existing, { column, endColumn });
        else expectations.push({ ruleId, line: target + 1, column, endColumn });
      }
      return;
    }
    const eol = EXPECT_EOL.exec(line);
    if (eol && !/^\s*#/.test(line)) for (const ruleId of ids(eol[1] ?? '')) expectations.push({ ruleId, line: index + 1 });
  });
  return expectations;
}
