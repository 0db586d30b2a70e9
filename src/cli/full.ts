// Everything a command other than --version/--help needs, loaded by main.ts in one dynamic import.
export { runCli } from './cli.js';
export { readStdinSync } from './run.js';
export { prepareCli } from './prepare.js';
