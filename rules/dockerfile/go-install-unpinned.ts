import { defineRule } from '../../src/engine/rule.js';
import { reportUnpinned } from '../_lib/package-rules.js';

export default defineRule({
  meta: {
    id: 'go-install-unpinned',
    title: '`go install` of a module without a version',
    severity: 'warning',
    category: 'dockerfile',
    status: 'preview',
    since: '0.1.0',
    aliases: ['DL3062'],
    rationale: 'Outside a module, `go install example.com/cmd/tool` needs a version; inside one it resolves through go.mod, but a remote path without `@version` makes the build depend on whatever the module proxy serves that day.',
    remediation: 'Add the version: `go install golang.org/x/tools/gopls@v0.15.3`. `go get` and `go run` of a remote package are judged the same way, and `@latest` counts as no version (as in hadolint). Local packages (`.`, `./cmd/...`, `main.go`), the `tool`/`all`/`std`/`cmd` patterns and paths named by a variable are not reported.',
    examples: [{ lang: 'dockerfile', bad: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls\n', good: 'FROM golang:1.22\nRUN go install golang.org/x/tools/gopls@v0.15.3\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3062'],
  },
  handlers: {
    'dockerfile:RUN': (run, ctx, model) => reportUnpinned(run, ctx, model, ['go']),
  },
});
