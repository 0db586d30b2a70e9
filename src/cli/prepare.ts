import { prepareCustomRules } from '../app/custom-rules.js';
import { parseCli } from './args.js';

/** What a command needs loaded before its synchronous run: the custom-rule support, when its project has custom rules. */
export async function prepareCli(argv: readonly string[], cwd: string): Promise<void> {
  let config: string | undefined;
  try {
    const args = parseCli([...argv]);
    if (args.command === 'help' || args.command === 'version') return;
    config = args.config;
  } catch {
    // The run reports the bad command line.
    return;
  }
  try {
    await prepareCustomRules(cwd, config);
  } catch {
    // A failed load shows as the run's own error when it needs the rules.
  }
}
