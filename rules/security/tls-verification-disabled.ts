import { defineRule, type RuleContext } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import type { ShellWord } from '../../src/model/shell.js';
import { baseName, commandsOf, type EffectiveCommand } from '../_lib/shell.js';

/** Environment variables that turn TLS verification off, and the values that do it. */
const ENV_SWITCHES: Record<string, (value: string) => boolean> = {
  NODE_TLS_REJECT_UNAUTHORIZED: (v) => v.trim() === '0',
  PYTHONHTTPSVERIFY: (v) => v.trim() === '0',
  NPM_CONFIG_STRICT_SSL: (v) => /^(false|0|no)$/i.test(v.trim()),
  GIT_SSL_NO_VERIFY: () => true, // git disables verification whenever the variable is set, even to "false"
  PIP_TRUSTED_HOST: (v) => v.trim() !== '',
};

export default defineRule({
  meta: {
    id: 'tls-verification-disabled',
    title: 'TLS certificate verification turned off',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: [
      'CKV2_DOCKER_2',
      'CKV2_DOCKER_3',
      'CKV2_DOCKER_4',
      'CKV2_DOCKER_5',
      'CKV2_DOCKER_6',
      'CKV2_DOCKER_12',
      'CKV2_DOCKER_13',
      'CKV2_DOCKER_14',
      'CKV2_DOCKER_15',
      'CKV2_DOCKER_16',
    ],
    rationale:
      'Without certificate verification, anyone on the network path of the build (a proxy, a compromised mirror, a hostile Wi-Fi) can replace what is downloaded, and the build installs it. Flags such as `curl -k`, `wget --no-check-certificate` or `pip --trusted-host` are often added once to get past a proxy and never removed; set in `ENV`, the switch also stays on for the application at run time.',
    remediation:
      "Remove the switch and trust the proxy's CA instead: copy it to `/usr/local/share/ca-certificates/` and run `update-ca-certificates`, or point the tool at it (`pip --cert`, `npm config set cafile`, `git config http.sslCAInfo`, `NODE_EXTRA_CA_CERTS`). Checked: curl `-k`/`--insecure`, wget `--no-check-certificate`, pip `--trusted-host`, npm/yarn/pnpm `strict-ssl false`, git `http.sslVerify false`, yum/dnf `sslverify=0`, and the variables NODE_TLS_REJECT_UNAUTHORIZED=0, PYTHONHTTPSVERIFY=0, NPM_CONFIG_STRICT_SSL=false, GIT_SSL_NO_VERIFY, PIP_TRUSTED_HOST in ENV, ARG and RUN.",
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12\nRUN curl -kfsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin\n',
        good: 'FROM debian:12\nCOPY corp-ca.crt /usr/local/share/ca-certificates/\nRUN update-ca-certificates && curl -fsSL https://example.com/tool.tar.gz | tar -xz -C /usr/local/bin\n',
      },
    ],
    references: [
      'https://curl.se/docs/sslcerts.html',
      'https://pip.pypa.io/en/stable/topics/https-certificates/',
      'https://nodejs.org/api/cli.html#node_tls_reject_unauthorizedvalue',
    ],
  },
  handlers: {
    'dockerfile:ENV': (instruction, ctx) => checkDeclarations(instruction, ctx),
    'dockerfile:ARG': (instruction, ctx) => checkDeclarations(instruction, ctx),
    'dockerfile:RUN': (run, ctx, model) => checkRun(model, run, ctx),
  },
});

function checkDeclarations(instruction: DockerInstruction, ctx: RuleContext): void {
  for (const decl of instruction.properties) {
    const test = ENV_SWITCHES[decl.name.toUpperCase()];
    if (test && decl.value !== undefined && test(decl.value)) {
      ctx.report({
        at: decl.nameNode,
        message: `${instruction.keyword} ${decl.name}=${decl.value} turns TLS certificate verification off`,
      });
    }
  }
}

function checkRun(model: DockerfileModel, run: DockerInstruction, ctx: RuleContext): void {
  for (const command of commandsOf(model, run)) {
    for (const a of command.assignments) {
      const test = ENV_SWITCHES[a.name.toUpperCase()];
      if (test && a.value !== undefined && test(a.value))
        ctx.report({
          at: a,
          message: `${a.name}=${a.value} turns TLS certificate verification off for "${command.name ?? 'the command'}"`,
        });
    }
    const found = insecureWord(command);
    if (found) ctx.report({ at: found.word, message: found.message });
  }
}

function insecureWord(command: EffectiveCommand): { word: ShellWord; message: string } | undefined {
  const name = baseName(command.name);
  const words = command.words;
  const values = words.map((w) => w.value ?? '');
  const at = (i: number, message: string): { word: ShellWord; message: string } => ({ word: words[i]!, message });
  switch (name) {
    case 'curl': {
      for (let i = 1; i < words.length; i++) {
        const v = values[i] ?? ''; // values has one entry per word
        if (v === '--insecure' || v === '--proxy-insecure' || v === '--doh-insecure')
          return at(i, `curl ${v} skips TLS certificate verification`);
        if (/^-[a-zA-Z]+$/.test(v) && v.slice(1).includes('k') && !takesValueBefore(v, 'k'))
          return at(i, `curl ${v} (-k) skips TLS certificate verification`);
      }
      return undefined;
    }
    case 'wget': {
      const i = values.findIndex((v) => v === '--no-check-certificate' || /^--check-certificate=(off|no|quiet)$/.test(v));
      return i > 0 ? at(i, `wget ${values[i] ?? ''} skips TLS certificate verification`) : undefined;
    }
    case 'git': {
      for (let i = 1; i < words.length; i++) {
        const v = values[i] ?? ''; // values has one entry per word
        if (/^http\.(.*\.)?sslverify=(false|0|no|off)$/i.test(v)) return at(i, `git -c ${v} skips TLS certificate verification`);
        if (/^http\.(.*\.)?sslverify$/i.test(v) && /^(false|0|no|off)$/i.test(values[i + 1] ?? '') && values.includes('config'))
          return at(i, `git config ${v} ${values[i + 1]} skips TLS certificate verification`);
      }
      return undefined;
    }
    case 'npm':
    case 'yarn':
    case 'pnpm': {
      for (let i = 1; i < words.length; i++) {
        const v = values[i] ?? ''; // values has one entry per word
        if (/^--strict-ssl=(false|0)$/.test(v)) return at(i, `${name} ${v} skips TLS certificate verification`);
        if (
          (v === 'strict-ssl' || v === 'strictSsl' || v === 'enableStrictSsl') &&
          /^(false|0)$/.test(values[i + 1] ?? '') &&
          values.includes('config') &&
          values.includes('set')
        )
          return at(i, `${name} config set ${v} ${values[i + 1]} skips TLS certificate verification`);
      }
      return undefined;
    }
    case 'yum':
    case 'dnf':
    case 'microdnf':
    case 'tdnf': {
      for (let i = 1; i < words.length; i++) {
        const v = values[i] ?? ''; // values has one entry per word
        if (/^(--setopt=)?([\w.-]+\.)?sslverify=(0|false|no|off)$/i.test(v))
          return at(i, `${name} ${v} skips TLS certificate verification`);
      }
      return undefined;
    }
    default: {
      if (!isPip(command)) return undefined;
      for (let i = 1; i < words.length; i++) {
        const v = values[i] ?? ''; // values has one entry per word
        if (v === '--trusted-host' || v.startsWith('--trusted-host='))
          return at(i, `pip ${v} accepts the host without a valid TLS certificate`);
        if (/^(global|install)\.trusted-host$/.test(v) && values.includes('config'))
          return at(i, `pip config set ${v} accepts the host without a valid TLS certificate`);
      }
      return undefined;
    }
  }
}

function isPip(command: EffectiveCommand): boolean {
  const name = baseName(command.name) ?? '';
  if (/^pip(\d+(\.\d+)*)?$/.test(name)) return true;
  return /^python(\d+(\.\d+)*)?$/.test(name) && command.words.some((w, i) => w.value === '-m' && command.words[i + 1]?.value === 'pip');
}

/** In `-ok`, a curl short option taking a value (o, H, d, u, e, x…) comes before `k`, so `k` is that value, not the flag. */
function takesValueBefore(word: string, letter: string): boolean {
  const letters = word.slice(1);
  const index = letters.indexOf(letter);
  return [...letters.slice(0, index)].some((c) => 'oHdDuUeExXrTcbCwzYyAFmKPQtE'.includes(c));
}
