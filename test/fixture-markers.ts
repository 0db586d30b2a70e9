/** Reads the inline expectations of a fixture file (see ARCHITECTURE.md, "Fixtures carry their own expectations"). */
export interface Expectation {
  ruleId: string;
  line: number;
  column?: number;
  endColumn?: number;
}

export interface FixtureHeader {
  allRules: boolean;
  /** `rules=a,b`: these rules run too (suppression fixtures need the rule they suppress). */
  extraRules: string[];
  options?: Record<string, unknown>;
  kubernetesVersion?: string;
  /** Programs the fixture needs on PATH (`requires=shellcheck`); the fixture is skipped without them. */
  requires?: string[];
}

const EXPECT_EOL = /#\s*expect:\s*([\w\-, ]+)\s*$/;
const EXPECT_NEXT = /^\s*#\s*expect-next-line:\s*([\w\-, ]+)\s*$/;
const CARET = /^(\s*#\s*)(\^+)\s+([\w\-, ]+)\s*$/;
const HEADER = /^\s*#\s*fixture:\s*(.*)$/;

/** A capture group that the pattern always fills when it matches. */
function group(match: RegExpExecArray, index: number): string {
  const value = match[index];
  if (value === undefined) throw new Error(`capture group ${index} of ${JSON.stringify(match[0])} is empty`);
  return value;
}

export function readMarkers(text: string): { expectations: Expectation[]; header: FixtureHeader } {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const expectations: Expectation[] = [];
  const header: FixtureHeader = { allRules: false, extraRules: [] };
  const isMarker = (line: string | undefined): boolean =>
    line !== undefined && (EXPECT_NEXT.test(line) || CARET.test(line) || HEADER.test(line));
  const ids = (list: string): string[] => list.split(/[,\s]+/).filter(Boolean);

  lines.forEach((line, index) => {
    const headerMatch = HEADER.exec(line);
    if (headerMatch) {
      for (const part of group(headerMatch, 1).split(/\s+(?=[\w-]+=)/)) {
        const [key, ...rest] = part.split('=');
        const value = rest.join('=');
        if (key === 'rules' && value === 'all') header.allRules = true;
        else if (key === 'rules') header.extraRules = value.split(',').filter(Boolean);
        if (key === 'options') header.options = JSON.parse(value) as Record<string, unknown>;
        if (key === 'k8s-version') header.kubernetesVersion = value;
        if (key === 'requires') header.requires = value.split(',').filter(Boolean);
      }
      return;
    }
    const next = EXPECT_NEXT.exec(line);
    if (next) {
      let target = index + 1;
      while (target < lines.length && isMarker(lines[target])) target++;
      for (const ruleId of ids(group(next, 1))) expectations.push({ ruleId, line: target + 1 });
      return;
    }
    const caret = CARET.exec(line);
    if (caret) {
      let target = index - 1;
      while (target >= 0 && isMarker(lines[target])) target--;
      const column = group(caret, 1).length + 1;
      const width = group(caret, 2).length;
      for (const ruleId of ids(group(caret, 3))) {
        // A caret under a line that already expects this rule refines that expectation with columns.
        const existing = expectations.find((e) => e.ruleId === ruleId && e.line === target + 1 && e.column === undefined);
        if (existing) Object.assign(existing, { column, endColumn: column + width });
        else expectations.push({ ruleId, line: target + 1, column, endColumn: column + width });
      }
      return;
    }
    const eol = EXPECT_EOL.exec(line);
    if (eol && !/^\s*#/.test(line)) for (const ruleId of ids(group(eol, 1))) expectations.push({ ruleId, line: index + 1 });
  });
  return { expectations, header };
}
