#!/usr/bin/env node
import { enableCompileCache } from './compile-cache.js';
import { loadFullCli } from './load-full.js';
import { quickAnswer } from './quick.js';

// `k8slint … | head`: a reader that goes away is not an error of ours; stop quietly.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

const argv = process.argv.slice(2);
// --version and --help load no rule, parser or schema code: only the argument parser.
const quick = quickAnswer(argv);
if (quick !== undefined) {
  process.stdout.write(quick);
  process.exitCode = 0;
} else {
  enableCompileCache();
  const { runCli, readStdinSync, prepareCli } = await loadFullCli();
  await prepareCli(argv, process.cwd());
  process.exitCode = runCli(argv, {
    cwd: process.cwd(),
    env: process.env,
    readStdin: readStdinSync,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    ...(process.stdout.isTTY && process.stdout.columns > 0 && { columns: process.stdout.columns }),
    stderrIsTTY: Boolean(process.stderr.isTTY),
  });
}
