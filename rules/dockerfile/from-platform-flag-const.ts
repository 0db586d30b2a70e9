import { defineRule } from '../../src/engine/rule.js';
import { flagOf } from '../_lib/dockerfile.js';

export default defineRule({
  meta: {
    id: 'from-platform-flag-const',
    title: '`FROM --platform` with a constant value',
    severity: 'warning',
    category: 'dockerfile',
    status: 'stable',
    since: '0.1.0',
    aliases: ['FromPlatformFlagConstDisallowed', 'DL3029'],
    rationale:
      '`FROM --platform=linux/amd64` pins the stage to one platform whatever `docker build --platform` asks for, so a multi-platform build silently produces amd64 binaries in the arm64 image (or runs everything under emulation).',
    remediation:
      "Drop the flag and pass `--platform` at build time, or use a variable: `FROM --platform=$BUILDPLATFORM golang:1.23 AS build` for a cross-compiling stage. Like Docker, k8slint accepts a constant when the stage name mentions the platform's OS or architecture (`AS build-amd64`); unlike hadolint's DL3029 it accepts any variable, not only BUILDPLATFORM/TARGETPLATFORM.",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM --platform=linux/amd64 python:3.12-slim\n',
        good: 'FROM --platform=$BUILDPLATFORM golang:1.23 AS build\nFROM --platform=linux/arm64 alpine:3.20 AS tools-arm64\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/build-checks/from-platform-flag-const-disallowed/',
      'https://github.com/hadolint/hadolint/wiki/DL3029',
    ],
  },
  handlers: {
    'dockerfile:FROM': (from, ctx) => {
      if (from.onbuild) return;
      const flag = flagOf(from, 'platform');
      if (!flag?.value || flag.value.includes('$')) return;
      const [, as, alias] = from.args;
      const stageName = as && alias && as.value.toLowerCase() === 'as' ? alias.value.toLowerCase() : '';
      const parts = flag.value.toLowerCase().split('/').filter(Boolean);
      if (stageName && parts.some((p) => stageName.includes(p))) return;
      ctx.report({ at: flag.valueNode ?? flag, message: `FROM --platform uses the constant value "${flag.value}"` });
    },
  },
});
