import type { YamlFile } from '../parsers/yaml.js';
import type { Interpolated } from '../parsers/compose-interpolation.js';
import type { ModelNode } from './node.js';
import type { K8sObject, KNode, Mapping } from './k8s.js';

/**
 * The model of a Docker Compose file (docs/compose-model.md). Every part keeps the `KNode` it was
 * read from, so a rule reports at the exact key or value. Nodes under a service belong to the
 * service's `object` (`service/<name>`): findings carry it as their object, and config ignores
 * match it by `kind: service` and `name`.
 */
export interface ComposeModel {
  file: YamlFile;
  /** The first document's root mapping (undefined when the file holds no mapping). */
  root?: KNode<Mapping>;
  /** Top-level `name:` (the project name). */
  name?: string;
  /** Top-level `version:` (obsolete). */
  version?: KNode;
  services: ComposeService[];
  /** Top-level `networks:`, `volumes:`, `secrets:`, `configs:` by name (`x-` keys left out). */
  networks: Map<string, KNode>;
  volumes: Map<string, KNode>;
  secrets: Map<string, KNode>;
  configs: Map<string, KNode>;
  /** Top-level `include:` entries (the file pulls in services and resources from elsewhere). */
  include: KNode[];
  /**
   * An override file (`compose.override.yaml`, `docker-compose.override.yml`): merged over the
   * main file, so it may hold only the fields it changes. Rules about missing fields skip it;
   * cross-reference rules look at every Compose file of the same directory (variants such as
   * `docker-compose.gpu.yml` are often used with `-f` over the main file too).
   */
  partial: boolean;
  /** The file's first character, for findings about the file as a whole. */
  start: ModelNode;
}

/** One entry of `services:`. */
export interface ComposeService {
  model: ComposeModel;
  name: string;
  /** The service's mapping; its key span is the service name. */
  node: KNode<Mapping>;
  /** Stands for the service in findings (`object: service/<name>`) and config ignores. */
  object: K8sObject;
  image?: ComposeString;
  build?: ComposeBuild;
  /** `pull_policy:` as written. */
  pullPolicy?: ComposeString;
  containerName?: ComposeString;
  ports: ComposePort[];
  /** `volumes:` of the service (short and long syntax). */
  volumes: ComposeMount[];
  environment: ComposeEnvVar[];
  /** `env_file:` entries (string, list of strings, or list of `{path, required}`). */
  envFiles: ComposeString[];
  deploy: ComposeDeploy;
  dependsOn: ComposeDependency[];
  /** `networks:` of the service (list or mapping). */
  networks: ComposeRef[];
  secrets: ComposeRef[];
  configs: ComposeRef[];
  profiles: string[];
  extends?: { service: string; file?: string; node: KNode };
  healthcheck?: KNode;
  restart?: ComposeString;
  /** `network_mode:` as written (`host`, `service:db`, `container:x`, `none`). */
  networkMode?: ComposeString;
}

/** A scalar value of the file with its interpolation parsed (numbers and booleans as their text). */
export interface ComposeString {
  node: KNode;
  /** The value as written (numbers and booleans as text). */
  text: string;
  interpolation: Interpolated;
}

export interface ComposeBuild {
  node: KNode;
  /** `build: ./dir` (short syntax) or `build: {context: …}`; default `.`. */
  context?: ComposeString;
  dockerfile?: ComposeString;
  /** `dockerfile_inline:` */
  inline?: ComposeString;
  target?: ComposeString;
  /** `args:` (list `KEY=value` or mapping); a value undefined when given without one (`- KEY`). */
  args: ComposeEnvVar[];
}

export interface ComposePort {
  node: KNode;
  syntax: 'short' | 'long';
  /** Host address (`127.0.0.1`, `::1`); undefined: all interfaces. */
  hostIp?: string;
  /** Published port or range (`8080`, `8000-8010`); undefined: none or a random one. */
  published?: string;
  /** Container port or range. */
  target?: string;
  protocol: string;
  /** The entry holds a variable: its parts are not known before `docker compose` runs. */
  interpolated: boolean;
}

export interface ComposeMount {
  node: KNode;
  syntax: 'short' | 'long';
  /** `bind` (a host path), `volume` (a named or anonymous volume), `tmpfs`, `npipe`, `image`, `cluster`; undefined when a variable decides. */
  type?: string;
  /** Host path or volume name as written (undefined for an anonymous volume). */
  source?: string;
  target?: string;
  readOnly: boolean;
  /** The source holds a variable. */
  interpolated: boolean;
}

export interface ComposeEnvVar {
  /** The list item (`- KEY=value`) or the mapping entry (`KEY: value`). */
  node: KNode;
  name: string;
  /** Undefined when no value is given (`- KEY`, `KEY:`): Compose takes it from the shell. */
  value?: ComposeString;
  syntax: 'list' | 'map';
}

export interface ComposeDeploy {
  node?: KNode;
  replicas?: ComposeString;
  /** `deploy.resources.limits` / `reservations` mappings. */
  limits?: KNode;
  reservations?: KNode;
  /** `deploy.resources.reservations.devices` items. */
  devices: KNode[];
}

export interface ComposeDependency {
  node: KNode;
  service: string;
  /** `service_started` (the default), `service_healthy`, `service_completed_successfully`. */
  condition: string;
  /** `required: false`: Compose ignores the dependency when the service is not defined. */
  required: boolean;
}

/** A service's reference to a top-level network, secret or config. */
export interface ComposeRef {
  node: KNode;
  name: string;
}
