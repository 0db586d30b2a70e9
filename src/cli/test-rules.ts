import { testRules, type RuleTestFailure } from '../app/test-rules.js';
import { sanitizeLine } from '../app/formats.js';

/** `k8slint test-rules [dir]`: prints each failure and a summary; 1 when any test fails, 0 when all pass. */
export function runTestRules(
  io: { cwd: string; stdout: (text: string) => void; stderr: (text: string) => void },
  dir?: string,
  configPath?: string,
): number {
  const result = testRules({ cwd: io.cwd, ...(dir !== undefined && { dir }), ...(configPath !== undefined && { configPath }) });
  if (result.rules === 0 && result.files === 0) {
    io.stderr(
      `k8slint: test-rules found nothing to test: no plugin or custom rule in the config and no fixture file${result.dir !== undefined ? ` with markers in ${result.dir}` : ' (.k8slint/tests)'} (exit 2)\n`,
    );
    return 2;
  }
  const lines = result.failures.map(failureLine);
  const files =
    result.dir !== undefined ? `${result.files} fixture file${result.files === 1 ? '' : 's'} in ${result.dir}` : 'no fixture folder';
  const tested = `${result.rules} plugin and custom rule${result.rules === 1 ? '' : 's'}, ${result.examples} example${result.examples === 1 ? '' : 's'}, ${files}`;
  lines.push(
    result.failures.length > 0
      ? `${result.failures.length} failure${result.failures.length === 1 ? '' : 's'} (${tested})`
      : `all passed (${tested})`,
  );
  io.stdout(lines.join('\n') + '\n');
  return result.failures.length > 0 ? 1 : 0;
}

function failureLine(f: RuleTestFailure): string {
  const where = f.line !== undefined ? `${f.where}:${f.line}` : f.where;
  return sanitizeLine(`FAIL ${where}: expected ${f.expected}, got ${f.got}`);
}
