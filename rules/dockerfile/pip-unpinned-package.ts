import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'pip-unpinned-package',
    title: 'Package installed with pip is not pinned to a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3013'],
    rationale:
      'Without a version specifier, `pip install flask` installs the newest release on the day of the build, so rebuilds of the same Dockerfile can pull a new major version and break.',
    remediation:
      'Pin with a specifier (`flask==3.0.3`, `flask>=3,<4`) or install from a requirements or constraints file (`-r requirements.txt`, `-c constraints.txt`). Not reported: packages named by a variable, local paths, wheels and archives, VCS URLs, and `pip`/`setuptools`/`wheel` upgraded with `-U`.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM python:3.12\nRUN pip install --no-cache-dir flask\n',
        good: 'FROM python:3.12\nRUN pip install --no-cache-dir flask==3.0.3\n',
      },
    ],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3013'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['pip']),
  },
});
