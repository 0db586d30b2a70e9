/**
 * What k8slint knows about the default user of well-known base images, without pulling them.
 *
 * `root`: the image sets no USER (or USER root), so an image built on it runs as root unless it
 * sets a user. `non-root`: the image ends with a non-root USER. `drops-root`: the image starts as
 * root and its entrypoint (`docker-entrypoint.sh`) switches to a service user with gosu/su-exec
 * before starting the service, as docker-library's database images do. `windows`: Windows
 * containers, whose users (ContainerAdministrator/ContainerUser) Kubernetes' `runAsNonRoot` does
 * not judge. An image not listed here is unknown.
 *
 * Facts were read from the images' own Dockerfiles (docker-library, the vendors' repositories).
 */
import { parseImageRef } from './image.js';

export type BaseImageUser = 'root' | 'non-root' | 'drops-root' | 'windows';

interface BaseImageEntry {
  /** Normalised image name (`python`, `nvcr.io/nvidia/pytorch`); `*` matches within one path segment, a trailing `/**` any depth. */
  name: string;
  /** Only tags matching this (the entry applies to every tag when absent). */
  tag?: RegExp;
  /** `unknown`: an exception to a broader entry that k8slint cannot judge. */
  user: BaseImageUser | 'unknown';
}

/** Tags and names that say the image runs unprivileged (`:nonroot`, `-rootless`, `-unprivileged`). */
const NON_ROOT_WORD = /(^|[-_.:/])(nonroot|non-root|rootless|unprivileged)([-_.:/]|$)/;

/** First match wins, so exceptions come before the general entry. */
const ENTRIES: readonly BaseImageEntry[] = [
  // Distroless: `:nonroot`/`:debug-nonroot` set uid 65532, every other tag runs as root (uid 0).
  { name: 'gcr.io/distroless/**', tag: /nonroot/, user: 'non-root' },
  { name: 'gcr.io/distroless/**', user: 'root' },
  // Chainguard: images run as nonroot (65532) except the wolfi-base OS image; `-dev` variants vary by image.
  { name: 'cgr.dev/chainguard/wolfi-base', user: 'root' },
  { name: 'cgr.dev/chainguard/**', tag: /(^|-)dev$/, user: 'unknown' },
  { name: 'cgr.dev/chainguard/**', user: 'non-root' },
  // NVIDIA AI Workbench images are made to run as the project's user, which the Workbench sets at run time.
  { name: 'nvcr.io/nvidia/ai-workbench/**', user: 'unknown' },
  // Bitnami application images end with `USER 1001`; minideb is their Debian base and runs as root.
  { name: 'bitnami/minideb', user: 'root' },
  { name: 'bitnami/**', user: 'non-root' },
  { name: 'nginxinc/nginx-unprivileged', user: 'non-root' },
  { name: 'quay.io/jupyter/**', user: 'non-root' },
  { name: 'jupyter/**', user: 'non-root' },
  { name: 'mambaorg/micromamba', user: 'non-root' },
  { name: 'rayproject/**', user: 'non-root' },
  { name: 'jenkins/jenkins', user: 'non-root' },
  { name: 'grafana/grafana*', user: 'non-root' },
  { name: 'grafana/loki', user: 'non-root' },
  { name: 'prom/**', user: 'non-root' },
  { name: 'quay.io/prometheus/**', user: 'non-root' },
  { name: 'quay.io/keycloak/keycloak', user: 'non-root' },
  { name: 'docker.elastic.co/elasticsearch/elasticsearch', user: 'non-root' },
  { name: 'docker.elastic.co/kibana/kibana', user: 'non-root' },
  { name: 'docker.elastic.co/logstash/logstash', user: 'non-root' },
  { name: 'sonarqube', user: 'non-root' },
  { name: 'quay.io/debezium/connect*', user: 'non-root' },
  { name: 'debezium/connect*', user: 'non-root' },
  { name: 'quay.io/strimzi/**', user: 'non-root' },
  { name: 'jboss/wildfly', user: 'non-root' },
  { name: 'quay.io/wildfly/wildfly', user: 'non-root' },
  { name: 'mcr.microsoft.com/mssql/server', user: 'non-root' },
  { name: 'haproxy', user: 'non-root' },
  { name: 'memcached', user: 'non-root' },
  { name: 'solr', user: 'non-root' },
  { name: 'elasticsearch', user: 'non-root' },
  { name: 'kibana', user: 'non-root' },
  { name: 'logstash', user: 'non-root' },
  { name: 'groovy', user: 'non-root' },
  // Red Hat: the UBI OS images run as root, the UBI language and s2i images end with `USER 1001` (openjdk: 185).
  ...['registry.access.redhat.com', 'registry.redhat.io'].flatMap((registry) => [
    { name: `${registry}/ubi*`, user: 'root' as const },
    { name: `${registry}/ubi*/ubi*`, user: 'root' as const },
    { name: `${registry}/ubi*/**`, user: 'non-root' as const },
  ]),

  // docker-library images whose docker-entrypoint.sh drops root with gosu/su-exec.
  ...[
    'postgres',
    'redis',
    'mysql',
    'mariadb',
    'mongo',
    'rabbitmq',
    'cassandra',
    'couchdb',
    'percona',
    'influxdb',
    'zookeeper',
    'neo4j',
    'ghost',
    'redmine',
    'vault',
    'consul',
    'hashicorp/vault',
    'hashicorp/consul',
    'flink',
    'timescale/timescaledb',
    'postgis/postgis',
    'quay.io/debezium/postgres',
    'debezium/postgres',
    'quay.io/debezium/example-postgres',
    'debezium/example-postgres',
    'quay.io/debezium/example-mysql',
    'debezium/example-mysql',
  ].map((name) => ({ name, user: 'drops-root' as const })),

  // Windows base images.
  { name: 'mcr.microsoft.com/windows/**', user: 'windows' },
  { name: 'mcr.microsoft.com/windows', user: 'windows' },
  { name: 'mcr.microsoft.com/powershell', tag: /windows|nanoserver|servercore/, user: 'windows' },
  { name: 'mcr.microsoft.com/dotnet/**', tag: /windows|nanoserver|servercore/, user: 'windows' },

  // Known to run as root: OS images, docker-library language images, ML/GPU images.
  ...[
    'ubuntu',
    'debian',
    'alpine',
    'busybox',
    'gliderlabs/alpine',
    'opensuse',
    'opensuse/**',
    'centos',
    'fedora',
    'rockylinux',
    'rockylinux/rockylinux',
    'almalinux',
    'amazonlinux',
    'oraclelinux',
    'archlinux',
    'photon',
    'clearlinux',
    'buildpack-deps',
    'registry.k8s.io/debian-base*',
    'registry.k8s.io/build-image/**',
    'k8s.gcr.io/debian-base*',
    'public.ecr.aws/amazonlinux/amazonlinux',
    'quay.io/centos/centos',
    'registry.fedoraproject.org/fedora',
    'registry.fedoraproject.org/fedora-minimal',
    'quay.io/fedora/**',
    'python',
    'node',
    'golang',
    'ruby',
    'php',
    'perl',
    'rust',
    'openjdk',
    'eclipse-temurin',
    'amazoncorretto',
    'ibm-semeru-runtimes',
    'sapmachine',
    'maven',
    'gradle',
    'julia',
    'r-base',
    'rocker/**',
    'erlang',
    'elixir',
    'haskell',
    'swift',
    'dart',
    'clojure',
    'gcc',
    'pypy',
    'bash',
    'mono',
    'composer',
    'nginx',
    'httpd',
    'tomcat',
    'caddy',
    'traefik',
    'docker',
    'rethinkdb',
    'wordpress',
    'drupal',
    'nextcloud',
    'joomla',
    'mcr.microsoft.com/dotnet/**',
    'mcr.microsoft.com/devcontainers/**',
    'mcr.microsoft.com/vscode/devcontainers/**',
    'mcr.microsoft.com/cbl-mariner/**',
    'mcr.microsoft.com/azurelinux/**',
    'mcr.microsoft.com/playwright',
    'nvidia/cuda',
    'nvcr.io/nvidia/**',
    'pytorch/pytorch',
    'tensorflow/tensorflow',
    'continuumio/**',
    'condaforge/**',
    'huggingface/**',
    'vllm/vllm-openai',
    'rocm/**',
    'tiangolo/**',
  ].map((name) => ({ name, user: 'root' as const })),
];

const DOCKER_HUB = new Set(['docker.io', 'index.docker.io', 'registry-1.docker.io', 'registry.hub.docker.com']);
/** Registries that mirror Docker Hub's official images under `library/`. */
const HUB_MIRRORS = [/^public\.ecr\.aws\/docker\/library\//, /^mirror\.gcr\.io\/(library\/)?/];

/** `docker.io/library/python` → `python`; `public.ecr.aws/docker/library/node` → `node`; other registries kept. */
export function normalisedImageName(reference: string): string {
  const ref = parseImageRef(reference.toLowerCase());
  let name = ref.registry && !DOCKER_HUB.has(ref.registry) ? `${ref.registry}/${ref.repository}` : ref.repository;
  for (const mirror of HUB_MIRRORS) name = name.replace(mirror, '');
  return name.replace(/^library\//, '');
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`^${escaped.replace(/\/\*\*$/, '(/.+)').replace(/\*/g, '[^/]*')}$`);
}

const COMPILED = ENTRIES.map((entry) => ({ ...entry, pattern: globToRegExp(entry.name) }));

/** Whether `reference` matches one of the glob patterns (`registry.example.com/base/*`, `myorg/**`). */
export function matchesImagePattern(reference: string, patterns: readonly string[]): boolean {
  const name = normalisedImageName(reference);
  return patterns.some((p) => globToRegExp(normalisedImageName(p)).test(name));
}

/**
 * The default user of a base image as far as k8slint knows; undefined when it does not. A tag
 * that holds a build variable (`python:${VERSION}`) is judged by the name alone, unless the
 * image's user depends on the tag (distroless `:nonroot`).
 */
export function baseImageUser(reference: string): BaseImageUser | undefined {
  const ref = parseImageRef(reference.toLowerCase());
  if (ref.registry?.includes('$') || ref.repository.includes('$')) return undefined;
  const name = normalisedImageName(reference);
  const tag = ref.tag ?? 'latest';
  const tagKnown = !tag.includes('$');
  if (NON_ROOT_WORD.test(name) || (tagKnown && NON_ROOT_WORD.test(`:${tag}`))) return 'non-root';
  const entries = COMPILED.filter((e) => e.pattern.test(name));
  if (!tagKnown && entries.some((e) => e.tag)) return undefined;
  const user = entries.find((e) => !e.tag || e.tag.test(tag))?.user;
  return user === 'unknown' ? undefined : user;
}

/**
 * The userland of a base image's shell tools: `busybox` for Alpine (every `*-alpine*` tag of the
 * docker-library images) and BusyBox images, whose `wget`, `tar`, `sed`… are BusyBox applets
 * with their own options; `none` for distroless images, which have no shell. Undefined when not
 * known (GNU for Debian, Ubuntu, RHEL and most others, but k8slint does not need to say so).
 */
export type Userland = 'busybox' | 'none';

const BUSYBOX_NAMES = [
  'alpine',
  'busybox',
  'gliderlabs/alpine',
  'docker/alpine',
  'alpine/**',
  'amd64/alpine',
  'arm64v8/alpine',
  'amd64/busybox',
].map(globToRegExp);
/** A tag naming Alpine: `3.12-alpine3.20`, `alpine`, `16-alpine`; not `alpinelinux-dev` look-alikes inside words. */
const ALPINE_TAG = /(^|[-_.])alpine(\d+(\.\d+)*)?([-_.]|$)/;

export function baseImageUserland(reference: string): Userland | undefined {
  const ref = parseImageRef(reference.toLowerCase());
  if (ref.registry?.includes('$') || ref.repository.includes('$')) return undefined;
  const name = normalisedImageName(reference);
  if (BUSYBOX_NAMES.some((p) => p.test(name))) return 'busybox';
  if (ref.tag !== undefined && ALPINE_TAG.test(ref.tag)) return 'busybox';
  if (/^gcr\.io\/distroless\//.test(name)) return ref.tag !== undefined && /debug/.test(ref.tag) ? 'busybox' : 'none';
  return undefined;
}
