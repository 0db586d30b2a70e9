import { HELP, parseCli } from './args.js';
import { VERSION } from '../app/version.js';

/**
 * What `k8slint --version` or `k8slint --help` prints, answered before anything heavy is loaded;
 * undefined for every other command line (including bad ones: the full CLI reports those).
 */
export function quickAnswer(argv: readonly string[]): string | undefined {
  let command: string;
  try {
    command = parseCli([...argv]).command;
  } catch {
    return undefined;
  }
  if (command === 'help') return HELP;
  if (command === 'version') return `${VERSION}\n`;
  return undefined;
}
