import { defineRule } from '../../src/engine/rule.js';
import { TAR_ARCHIVE, copyOperands, type CopyOperand } from '../_lib/copy.js';
import { baseName, commandsOf } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'copy-then-extract-archive',
    title: 'Local tar archive COPY\'d and then extracted in a RUN',
    severity: 'info',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3010'],
    rationale: 'COPYing an archive and extracting it in a later RUN stores the archive in one layer and its contents in another, so the image carries both, even if the RUN deletes the archive. ADD extracts a local tar archive in a single layer.',
    remediation: 'Use `ADD app.tar.gz /opt/` (ADD unpacks local tar archives), or extract it in a RUN with a bind mount: `RUN --mount=type=bind,source=app.tar.gz,target=/tmp/app.tar.gz tar -xzf /tmp/app.tar.gz -C /opt`. Differences from hadolint: Windows paths written with backslashes are not matched, because Docker\'s default escape character removes those backslashes (`C:\\App\\a.tar` becomes `C:Appa.tar`); Windows Dockerfiles set `# escape=` and are then matched.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nCOPY app.tar.gz /tmp/\nRUN tar -xzf /tmp/app.tar.gz -C /opt && rm /tmp/app.tar.gz\n', good: 'FROM debian:12\nADD app.tar.gz /opt/\n' }],
    references: ['https://github.com/hadolint/hadolint/wiki/DL3010'],
  },
  handlers: {
    'dockerfile:stage': (stage, ctx, model) => {
      const copied = new Map<string, CopyOperand>();
      for (const inst of stage.instructions) {
        if (inst.onbuild) continue;
        if (inst.keyword === 'COPY' && !inst.flags.some((f) => f.name === 'from')) {
          const ops = copyOperands(inst);
          for (const s of ops?.sources ?? []) {
            if (s.variable || !TAR_ARCHIVE.test(s.value)) continue;
            copied.set(s.value.replace(/^.*\//, ''), s);
            // `COPY app.tar /tmp/x.tar` renames it: the RUN extracts it by the new name.
            const dest = ops?.dest.value.replace(/^["']|["']$/g, '') ?? '';
            if (ops?.sources.length === 1 && !ops.dest.variable && TAR_ARCHIVE.test(dest)) copied.set(dest.replace(/^.*\//, ''), s);
          }
        } else if (inst.keyword === 'RUN' && copied.size > 0) {
          for (const c of commandsOf(model, inst)) {
            const name = baseName(c.name);
            if (name !== 'tar') continue;
            const extracting = c.words.slice(1).some((w) => /^-?[A-Za-z]*x/.test(w.value ?? '') && !(w.value ?? '').startsWith('--') || w.value === '--extract' || w.value === '--get');
            if (!extracting) continue;
            for (const w of c.words.slice(1)) {
              const base = (w.value ?? '').replace(/^.*\//, '');
              const source = copied.get(base);
              if (source) {
                ctx.report({ at: source, message: `the archive "${source.value}" is COPY'd and then extracted by \`tar\` on line ${c.span.line}, so the image keeps both` });
                copied.delete(base);
              }
            }
          }
        }
      }
    },
  },
});
