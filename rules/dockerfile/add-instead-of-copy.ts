import { replaceNode } from '../../src/model/edits.js';
import { defineRule } from '../../src/engine/rule.js';
import { GIT_REF, URL, copyOperands, type CopyOperand } from '../_lib/copy.js';

export default defineRule({
  meta: {
    id: 'add-instead-of-copy',
    title: 'ADD of local files instead of COPY',
    severity: 'error',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DL3020', 'DS005', 'DS-0005', 'AVD-DS-0005', 'CKV_DOCKER_4'],
    rationale:
      'ADD does more than copy: it unpacks local archives and fetches URLs. Used for plain files it surprises readers, and an ADD that one day meets a .tar file extracts it instead of copying it. COPY does only what it says.',
    remediation:
      'Use COPY for local files and directories. Keep ADD for URLs, git repositories and local tar archives you want unpacked. A source named by a build argument or ENV is judged by its default value (`ARG MODEL=model.json` then `ADD ${MODEL} /models/` is reported); one without a default is not. A .zip is reported: ADD copies it without unpacking it, as it does any file that is not a tar archive.',
    examples: [{ lang: 'dockerfile', bad: 'FROM debian:12\nADD app.py /app/\n', good: 'FROM debian:12\nCOPY app.py /app/\n' }],
    fixable: 'safe',
    references: ['https://github.com/hadolint/hadolint/wiki/DL3020', 'https://docs.docker.com/build/building/best-practices/#add-or-copy'],
  },
  handlers: {
    'dockerfile:ADD': (add, ctx, model) => {
      const ops = copyOperands(add);
      if (!ops) return;
      /** The source with build arguments and ENV substituted by their defaults; undefined when one stays unknown. */
      const valueOf = (s: CopyOperand): string | undefined => {
        const v = unquote(s.value);
        if (!s.variable) return v;
        const resolved = model.resolve(v, add);
        return resolved.complete ? resolved.value : undefined;
      };
      const needsAdd = (s: CopyOperand): boolean => {
        const v = valueOf(s);
        return v === undefined || URL.test(v) || GIT_REF.test(v) || ADD_EXTRACTS.test(v);
      };
      const plain = ops.sources.find((s) => !needsAdd(s));
      if (!plain || ops.sources.some(needsAdd)) return;
      // Flags COPY takes too; ADD's own (--checksum, --keep-git-dir, --unpack) leave the instruction alone.
      const copyable = add.flags.every((f) => ['chown', 'chmod', 'link', 'exclude'].includes(f.name)) && !add.onbuild;
      const keyword = add.written === add.written.toLowerCase() ? 'copy' : 'COPY';
      ctx.report({
        ...(copyable && {
          fix: { safety: 'safe', description: `replace ADD with ${keyword}`, edits: [replaceNode(add.keywordNode, keyword)] },
        }),
        at: plain,
        message: `ADD copies the local ${ops.sources.length > 1 ? 'files' : 'path'} "${unquote(plain.value)}"${plain.variable ? ` ("${valueOf(plain) ?? ''}" by default)` : ''}${ops.sources.length > 1 ? ` and ${ops.sources.length - 1} more` : ''}, which is what COPY does`,
      });
    },
  },
});

/** Local files ADD unpacks: tar archives, compressed or not. ADD copies a .zip as it is, so a .zip is a plain file here. */
const ADD_EXTRACTS = /\.(tar|tgz|tbz2?|tb2|txz|tzst|tlz|taz|gz|bz2|xz|lz|lzma|zst|Z)$/i;

function unquote(value: string): string {
  return value.replace(/^(["'])(.*)\1$/, '$2');
}
