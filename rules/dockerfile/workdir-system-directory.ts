import { defineRule } from '../../src/engine/rule.js';

/** Kernel-managed or boot directories (Trivy DS-0030's list plus /sys), and subdirectories of them. */
const SYSTEM_TREES = ['/proc', '/sys', '/dev', '/boot', '/initrd', '/lost+found'];
/** Directories on PATH whose contents a WORKDIR would mix with the application's files (only the directory itself). */
const BINARY_DIRS = ['/bin', '/sbin', '/usr/bin', '/usr/sbin', '/lib', '/usr/lib'];

export default defineRule({
  meta: {
    id: 'workdir-system-directory',
    title: '`WORKDIR` in a system directory',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['DS030', 'DS-0030', 'AVD-DS-0030'],
    rationale:
      "`/proc`, `/sys` and `/dev` are replaced by kernel file systems when the container starts, and `/boot` is meaningless in a container, so files written there during the build vanish or hide system files. A WORKDIR of `/bin` or `/usr/bin` mixes the application's files (and `COPY . .`) with the system's commands.",
    remediation:
      "Use a directory of the application's own: `WORKDIR /app` or `/opt/<name>`. `WORKDIR /` and directories such as `/usr/local/bin` are not reported.",
    examples: [{ lang: 'dockerfile', bad: 'FROM alpine:3.20\nWORKDIR /proc/app\n', good: 'FROM alpine:3.20\nWORKDIR /app\n' }],
    references: ['https://avd.aquasec.com/misconfig/ds030'],
  },
  handlers: {
    'dockerfile:WORKDIR': (workdir, ctx, model) => {
      const arg = workdir.args[0];
      if (!arg) return;
      const resolved = model.resolve(arg.value.replace(/^["']|["']$/g, ''), workdir);
      if (!resolved.complete) return;
      const path = resolved.value.replace(/\/+$/, '').replace(/\/+/g, '/') || '/';
      const tree = SYSTEM_TREES.find((t) => path === t || path.startsWith(`${t}/`));
      if (tree) {
        ctx.report({ at: arg, message: `WORKDIR "${path}" is inside ${tree}, a system directory` });
        return;
      }
      if (BINARY_DIRS.includes(path)) ctx.report({ at: arg, message: `WORKDIR "${path}" is a system command directory` });
    },
  },
});
