import fc from 'fast-check';
import jsyaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { lintTexts } from '../../src/index.js';
import type { Finding } from '../../src/types.js';

// Seeded and time-bounded so `npm test` stays fast and reproducible; a long run (K8SLINT_FUZZ_RUNS)
// uses the same properties with more inputs: K8SLINT_FUZZ_RUNS=100000 K8SLINT_FUZZ_SEED=… npx vitest run test/hostile/properties.test.ts
const SEED = Number(process.env.K8SLINT_FUZZ_SEED ?? 17);
const RUNS = Number(process.env.K8SLINT_FUZZ_RUNS ?? 120);
const TIME_LIMIT_MS = process.env.K8SLINT_FUZZ_RUNS ? 24 * 3600_000 : 8000;
const PARAMS = { seed: SEED, numRuns: RUNS, interruptAfterTimeLimit: TIME_LIMIT_MS };
const TEST_TIMEOUT_MS = process.env.K8SLINT_FUZZ_RUNS ? 24 * 3600_000 : 60_000;

/** Strings that stress parsers and printers: YAML and shell punctuation, escapes, controls, non-ASCII. */
const text = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.constantFrom(
    '',
    ' ',
    'latest',
    'nginx:1.27',
    'root',
    '0',
    'true',
    'null',
    '~',
    '*',
    '&a',
    '!!binary',
    '- x',
    'a: b',
    '{',
    '[',
    '"',
    "'",
    '#',
    '\\',
    '$HOME',
    '${A:-b}',
    '\u001b[2J',
    '\u202e',
    'ü',
    '\t',
    '\r',
    '\n',
    'toString',
    '__proto__',
    'constructor',
  ),
);
const scalar = fc.oneof(text, fc.integer(), fc.boolean(), fc.constant(null), fc.double({ noNaN: true }));
const value: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.array(tie('value'), { maxLength: 3 }),
    fc.dictionary(text, tie('value'), { maxKeys: 3 }),
  ),
})).value;

const container = fc.record(
  {
    name: fc.oneof(text, value),
    image: fc.oneof(text, value),
    securityContext: fc.oneof(
      value,
      fc.record({ privileged: fc.boolean(), runAsUser: fc.integer({ min: -1, max: 70000 }), runAsNonRoot: fc.boolean() }),
    ),
    resources: fc.oneof(
      value,
      fc.record({ limits: fc.dictionary(fc.constantFrom('cpu', 'memory', 'nvidia.com/gpu'), fc.oneof(text, fc.integer())) }),
    ),
    ports: fc.oneof(value, fc.array(fc.record({ containerPort: fc.oneof(fc.integer(), text), hostPort: fc.integer() }), { maxLength: 2 })),
    env: fc.oneof(value, fc.array(fc.record({ name: text, value: text }), { maxLength: 2 })),
  },
  { requiredKeys: [] },
);
const podSpec = fc.record(
  { containers: fc.oneof(fc.array(container, { maxLength: 3 }), value), hostNetwork: fc.boolean(), volumes: value },
  { requiredKeys: [] },
);
const metadata = fc.record(
  {
    name: fc.oneof(text, value),
    namespace: text,
    labels: fc.oneof(fc.dictionary(text, scalar, { maxKeys: 3 }), value),
    annotations: fc.oneof(fc.dictionary(text, text, { maxKeys: 3 }), value),
  },
  { requiredKeys: [] },
);
const kind = fc.constantFrom(
  ['v1', 'Pod'],
  ['apps/v1', 'Deployment'],
  ['apps/v1', 'StatefulSet'],
  ['batch/v1', 'CronJob'],
  ['v1', 'Service'],
  ['v1', 'ConfigMap'],
  ['networking.k8s.io/v1', 'Ingress'],
  ['ray.io/v1', 'RayCluster'],
  ['v1', 'List'],
);
const object: fc.Arbitrary<unknown> = fc.tuple(kind, metadata, podSpec, value).map(([[apiVersion, k], meta, pod, extra]) => {
  const spec =
    k === 'Pod'
      ? pod
      : k === 'CronJob'
        ? { jobTemplate: { spec: { template: { spec: pod } } } }
        : k === 'Service'
          ? { selector: meta.labels, ports: extra }
          : { template: { metadata: { labels: meta.labels }, spec: pod }, selector: { matchLabels: meta.labels }, extra };
  return k === 'List'
    ? { apiVersion, kind: k, items: [{ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: pod }] }
    : { apiVersion, kind: k, metadata: meta, spec };
});

/** A manifest file: YAML or JSON, sometimes with a mutated character (syntax errors are input errors, not crashes). */
const manifest = fc
  .tuple(
    fc.array(object, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('yaml', 'json', 'crlf', 'mutated'),
    fc.nat(),
    fc.constantFrom(':', '-', '&x ', '*x', '"', '\t', '{', '!!set ', '? '),
  )
  .map(([objects, form, at, insert]) => {
    if (form === 'json')
      return {
        path: 'gen.json',
        text: JSON.stringify(objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects }),
      };
    let yaml = objects.map((o) => jsyaml.dump(o, { skipInvalid: true, noRefs: true })).join('---\n');
    if (form === 'crlf') yaml = yaml.replace(/\n/g, '\r\n');
    if (form === 'mutated') yaml = yaml.slice(0, at % (yaml.length + 1)) + insert + yaml.slice(at % (yaml.length + 1));
    return { path: 'gen.yaml', text: withoutLoneCr(yaml) };
  });

const word = fc.constantFrom(
  'apt-get',
  'install',
  '-y',
  'curl',
  'pip',
  'npm',
  'sudo',
  'cd',
  'echo',
  'wget',
  'rm',
  '-rf',
  '/',
  'x',
  '"a b"',
  "'c'",
  '$A',
  '${B:-c}',
  '`id`',
  '$(pwd)',
  '\\',
  '#',
  '<<EOF',
  '2>&1',
  '>',
  '|',
  '&&',
  '||',
  ';',
  '*',
  'ü',
  '\u001b]0;t\u0007',
);
const command = fc.array(word, { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const instruction = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('ubuntu', 'alpine:3.20', 'nvidia/cuda:12.4.1-runtime-ubuntu22.04', '$BASE', 'scratch', 'x@sha256:abc', 'builder'),
      fc.option(text),
    )
    .map(([image, alias]) => `FROM ${image}${alias ? ` AS ${alias}` : ''}`),
  fc.array(command, { minLength: 1, maxLength: 4 }).map((c) => `RUN ${c.join(' && \\\n    ')}`),
  fc.tuple(command, command).map(([a, b]) => `RUN <<EOF\n${a}\n${b}\nEOF`),
  fc.tuple(text, text).map(([k, v]) => `ARG ${k}=${v}`),
  fc.tuple(text, text).map(([k, v]) => `ENV ${k}=${v}`),
  fc.tuple(text, text).map(([a, b]) => `COPY ${a} ${b}`),
  fc.tuple(fc.constantFrom('--from=builder ', '--chown=1:1 ', ''), text).map(([flag, a]) => `COPY ${flag}${a} /app/`),
  text.map((u) => `USER ${u}`),
  text.map((w) => `WORKDIR ${w}`),
  fc.array(text, { maxLength: 3 }).map((a) => `CMD ${JSON.stringify(a)}`),
  command.map((c) => `ENTRYPOINT ${c}`),
  command.map((c) => `HEALTHCHECK CMD ${c}`),
  fc.tuple(text, text).map(([k, v]) => `LABEL ${k}="${v}"`),
  text.map((t) => `EXPOSE ${t}`),
  text.map((t) => `# ${t}`),
  text.map((t) => `${t} ${t}`),
  fc.constant(''),
);
const dockerfile = fc.tuple(fc.array(instruction, { minLength: 1, maxLength: 12 }), fc.boolean()).map(([lines, crlf]) => ({
  path: 'Dockerfile',
  text:
    lines
      .join('\n')
      .replace(/\r/g, ' ')
      .replace(/\n/g, crlf ? '\r\n' : '\n') + (crlf ? '\r\n' : '\n'),
}));

/** Line lengths as reports count them (LF, CRLF or a lone CR ends a line, as in format/types.ts sourceLines). */
function lineLengths(text: string): number[] {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

/**
 * Lone CRs are left out of generated input for now: dockerfile-ast counts them as line breaks but
 * the heredoc and shell positions (src/parsers/positions.ts LineIndex) do not, and YAML positions
 * put such findings at 1:1 (issue 17 item 10, the parser engineers' area).
 */
const withoutLoneCr = (text: string): string => text.replace(/\r(?!\n)/g, ' ');

/**
 * Known span bugs in other areas, checked leniently until fixed (listed in the issue-17 report):
 * shell-syntax-error puts an "unexpected end of script" one column past the line's end
 * (`RUN apt-get |`: 1:14-1:15 on a 13-character line; `RUN a <<EOF && \\\n b &&\nRUN \\\n`: 4:2-4:3 on the
 * empty last line). Their columns are not checked, their lines are.
 */
const ONE_PAST_THE_END = new Set(['shell-syntax-error']);

/** Every finding on a line of its file and within that line (one past its end allowed). */
function outsideTheFile(findings: Finding[], files: Array<{ path: string; text: string }>): Finding[] {
  return findings.filter((f) => {
    const file = files.find((candidate) => candidate.path === f.file);
    if (!file) return true;
    const lengths = lineLengths(file.text);
    const { line, column, endLine, endColumn } = f.span;
    const within = (l: number, c: number, slack = 0) => l >= 1 && l <= lengths.length && c >= 1 && c <= (lengths[l - 1] ?? 0) + 1 + slack;
    // Known offenders: only their lines are checked.
    const slack = ONE_PAST_THE_END.has(f.ruleId) ? Number.MAX_SAFE_INTEGER : 0;
    return !within(line, column, slack) || !within(endLine, endColumn, slack) || endLine < line || (endLine === line && endColumn < column);
  });
}

function check(files: Array<{ path: string; text: string }>): void {
  const { findings } = lintTexts(files);
  expect(findings.filter((f) => f.ruleId === 'internal-error').map((f) => f.message)).toEqual([]);
  expect(outsideTheFile(findings, files)).toEqual([]);
}

describe('properties: generated input never crashes the linter', () => {
  it(
    'Kubernetes manifests: no exception, no internal error, every finding inside the file',
    () => {
      fc.assert(
        fc.property(manifest, (file) => check([file])),
        PARAMS,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'Dockerfiles: no exception, no internal error, every finding inside the file',
    () => {
      fc.assert(
        fc.property(dockerfile, (file) => check([file])),
        PARAMS,
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a run of several generated files',
    () => {
      fc.assert(
        fc.property(fc.tuple(manifest, dockerfile, manifest), ([a, b, c]) => check([a, b, { ...c, path: `other-${c.path}` }])),
        { ...PARAMS, numRuns: Math.ceil(RUNS / 4) },
      );
    },
    TEST_TIMEOUT_MS,
  );
});
