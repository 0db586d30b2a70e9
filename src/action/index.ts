// Entry of the GitHub Action (bundled into action/index.js; see action.yml).
import '../app/custom-rules-eager.js';
import { packageVersion } from '../app/version.js';
import { runAction } from './run.js';

try {
  process.exitCode = runAction({ env: process.env, stdout: (text) => process.stdout.write(text), version: packageVersion() });
} catch (error) {
  process.stdout.write(`::error title=k8slint::unexpected error: ${String((error as Error)?.stack ?? error).replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`);
  process.exitCode = 2;
}
