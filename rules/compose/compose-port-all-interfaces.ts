import { defineRule } from '../../src/engine/rule.js';
import type { ComposePort, ComposeService } from '../../src/model/compose.js';
import { literalText } from './_lib/project.js';

/** Images of databases, caches, queues and vector stores (the last part of the repository name). */
const DATA_STORES =
  /^(postgres|postgresql|postgis|pgvector|timescaledb|mysql|mariadb|percona-server|mongo|mongodb|mongodb-community-server|redis|redis-stack|redis-stack-server|valkey|keydb|dragonfly|memcached|elasticsearch|opensearch|cassandra|scylla|couchdb|couchbase|neo4j|clickhouse-server|influxdb|etcd|qdrant|milvus|weaviate|chroma|chromadb|rabbitmq|kafka|cp-kafka|zookeeper|cp-zookeeper|nats|mssql-server|oracle-database|cockroach|arangodb|rethinkdb|surrealdb|minio)$/;

/** Default ports of those stores, for services built locally or whose image is a variable. */
const DATA_STORE_PORTS = new Set([
  '5432',
  '3306',
  '27017',
  '6379',
  '11211',
  '9200',
  '9042',
  '5984',
  '7687',
  '8123',
  '6333',
  '19530',
  '5672',
  '9092',
  '2181',
  '4222',
  '1433',
  '26257',
  '28015',
]);

function isDataStore(service: ComposeService, port: ComposePort): boolean {
  const image = literalText(service.image);
  if (image !== undefined) {
    const repository = image.replace(/@.*$/, '').replace(/:[^/]*$/, '');
    return DATA_STORES.test(repository.slice(repository.lastIndexOf('/') + 1).toLowerCase());
  }
  return port.target !== undefined && DATA_STORE_PORTS.has(port.target);
}

function allInterfaces(hostIp: string | undefined): boolean {
  return hostIp === undefined || hostIp === '0.0.0.0' || hostIp === '::' || hostIp === '[::]';
}

export default defineRule({
  meta: {
    id: 'compose-port-all-interfaces',
    title: 'Database or cache port published on every interface of the host',
    severity: 'warning',
    category: 'compose',
    status: 'stable',
    optIn: true,
    since: '0.1.0',
    aliases: ['no-unbound-port-interfaces', '451d79dc-0588-476a-ad03-3c7f0320abb3'],
    rationale:
      'A short port entry without a host address (`"5432:5432"`) publishes the port on every interface of the host, and Docker\'s own iptables rules open it even when the host firewall (ufw, firewalld) denies it. A database, cache or vector store published that way on a laptop or a cloud VM is reachable from the network, often with a default password. Other services reach it over the Compose network without any published port. Opt-in: some setups publish on purpose behind another firewall. KICS "Container Traffic Not Bound To Host Interface" and dclint `no-unbound-port-interfaces` report every port without a host address; this rule reports only data stores (by image, or by a default port when the image is built locally or a variable).',
    remediation:
      'Publish on the loopback address only (`"127.0.0.1:5432:5432"`), or drop `ports:` when only other services of the file use the store (they reach `db:5432` over the Compose network).',
    examples: [
      {
        lang: 'yaml',
        file: 'compose.yaml',
        bad: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "5432:5432"\n',
        good: 'services:\n  db:\n    image: postgres:16\n    ports:\n      - "127.0.0.1:5432:5432"\n',
      },
    ],
    references: [
      'https://docs.docker.com/engine/network/packet-filtering-firewalls/',
      'https://docs.docker.com/reference/compose-file/services/#ports',
    ],
  },
  handlers: {
    'compose:service': (service, ctx) => {
      for (const port of service.ports) {
        // A host address from a variable is unknown.
        if (port.hostIp?.includes('$')) continue;
        if (!allInterfaces(port.hostIp) || !isDataStore(service, port)) continue;
        ctx.report({
          at: port.node,
          message: `service "${service.name}" publishes port ${port.target ?? ''} on every interface of the host; bind it to 127.0.0.1 or drop it if only other services use it`,
        });
      }
    },
  },
});
