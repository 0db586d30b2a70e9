/**
 * Our own Dockerfile snippets, one per case of hadolint's specification tests
 * (hadolint/hadolint, test/Hadolint/Rule/DL*Spec.hs): each must or must not trigger the rule that
 * carries the DL alias. A snippet with no FROM line gets `FROM debian:12` in front; `onbuild`
 * adds a second case with every instruction after FROM wrapped in ONBUILD (hadolint's
 * onBuildRuleCatches). `deliberate` names a case where k8slint disagrees on purpose; the same
 * reason is written in the rule's docs.
 */
export interface SpecCase {
  dl: string;
  hits: boolean;
  text: string;
  onbuild?: boolean;
  deliberate?: string;
  /** Rule options, as in a config file (hadolint's `trustedRegistries` and label-schema keys). */
  options?: Record<string, Record<string, unknown>>;
  /** How many findings of the rule hadolint expects, where its case counts them. */
  count?: number;
}

const yes = (dl: string, text: string, extra: Partial<SpecCase> = {}): SpecCase => ({ dl, hits: true, text, ...extra });
const no = (dl: string, text: string, extra: Partial<SpecCase> = {}): SpecCase => ({ dl, hits: false, text, ...extra });
const ob = { onbuild: true };
const LABEL_RULES = ['label-schema-missing', 'label-not-in-schema', 'label-schema-empty', 'label-schema-format'];
const schema = (labelSchema: Record<string, string>, strictLabels = false): Partial<SpecCase> => ({
  options: Object.fromEntries(LABEL_RULES.map((id) => [id, { labelSchema, ...(id === 'label-not-in-schema' ? { strictLabels } : {}) }])),
});
const trusted = (...registries: string[]): Partial<SpecCase> => ({ options: { 'untrusted-registry': { trustedRegistries: registries } } });

const PIP_FALSY =
  'pip reads any value of PIP_NO_CACHE_DIR, 0/false/off/no included, as "no cache" (kept for compatibility, see pip\'s --no-cache-dir option handling), so no cache is left';
const WINDOWS_ESCAPE =
  'with the default escape character, Docker removes the backslashes of these paths (C:\\Program Files\\App becomes C:Program FilesApp), so the names no longer match; Windows Dockerfiles set `# escape=`';
const LABEL_VARIABLE = 'Docker expands `$name` in a label key at build time, so k8slint does not judge keys holding a variable';
const LISTS_MOUNTED =
  'a cache mount on /var/lib/apt keeps the package lists out of the image, which is what this rule is about; .deb files kept in /var/cache/apt once docker-clean is removed are not lists';
const BUILDER_ROOT =
  'only the user of the shipped (final) stage matters: a builder stage that ends as root ships nothing (rules/security/image-runs-as-root, not in this branch: its docs need the sentence)';
const ONBUILD_LABEL = 'an ONBUILD LABEL labels the images built FROM this one, not this image, so it does not provide a required label';
const BASE_STAGE_LABELS =
  'a stage that serves as the base of another stage is not an image of its own: only the stages that produce images must carry the schema labels';
const SPDX_SYNTAX =
  'k8slint checks the SPDX expression syntax and does not carry the SPDX license list, which grows with every SPDX release';
const MICRODNF_YES =
  'microdnf does not wait for a confirmation unless --assumeno is given (assume-yes is its default), so a microdnf install without -y cannot hang the build';
const SH_PIPEFAIL =
  'a SHELL that sets `-o pipefail` has pipefail whatever the shell: a /bin/sh without the option fails the build at the first RUN instead of hiding a failure (busybox ash and recent dash support it)';

export const SPEC_CASES: SpecCase[] = [
  // DL3000 absolute WORKDIR
  yes('DL3000', 'WORKDIR app/data'),
  no('DL3000', 'WORKDIR /opt/app'),
  no('DL3000', 'WORKDIR ${APP_HOME}'),
  yes('DL3000', "WORKDIR 'app/data'"),
  no('DL3000', "WORKDIR '/opt/app'"),
  yes('DL3000', 'WORKDIR "app/data"'),
  no('DL3000', 'WORKDIR "/opt/app"'),
  no('DL3000', 'WORKDIR "${APP_HOME}"'),
  no('DL3000', "WORKDIR 'D:\\'"),
  no('DL3000', 'WORKDIR "D:\\"'),
  no('DL3000', 'WORKDIR D:/'),
  no('DL3000', 'WORKDIR "D:/"'),

  // DL3001 pointless commands
  yes('DL3001', 'RUN top', ob),
  no('DL3001', 'RUN apt-get install openssh-client', ob),

  // DL3002 last USER root (rules/security/image-runs-as-root)
  yes('DL3002', 'FROM scratch\nUSER root'),
  no('DL3002', 'FROM scratch\nUSER app'),
  yes('DL3002', 'FROM scratch\nUSER 0'),
  yes('DL3002', 'FROM scratch\nUSER root:root'),
  yes('DL3002', 'FROM scratch\nUSER 0:0'),
  no('DL3002', 'FROM scratch\nUSER root\nRUN make\nUSER app'),
  yes('DL3002', 'FROM debian:12 AS base\nUSER root\nRUN make\nFROM base\nRUN make install'),
  yes('DL3002', 'FROM debian:12 AS base\nUSER root\nRUN make\nFROM scratch\nUSER app\nRUN make install', { deliberate: BUILDER_ROOT }),
  no('DL3002', 'FROM debian:12 AS base\nUSER root\nRUN make\nUSER app\nFROM scratch\nRUN make install'),

  // DL3003 cd
  no('DL3003', 'WORKDIR /srv'),
  yes('DL3003', 'RUN cd /srv'),

  // DL3004 sudo
  yes('DL3004', 'RUN sudo apt-get update', ob),
  no('DL3004', 'RUN apt-get install sudo', ob),
  yes('DL3004', 'RUN apt-get update && sudo apt-get install', ob),

  // DL3008 apt-get pinning
  yes('DL3008', 'RUN apt-get update && apt-get install curl', ob),
  no(
    'DL3008',
    'RUN apt-get update \\\n && apt-get -yqq --no-install-recommends install nodejs=18.19 \\\n && rm -rf /var/lib/apt/lists/*',
    ob,
  ),
  no(
    'DL3008',
    'RUN apt-get update && apt-get install --no-install-recommends -y \\\ncurl=7.88.1* \\\nwget=1.21.3* \\\ngit=1:2.39.2* \\\nruby=1:3.1.*',
    ob,
  ),
  no('DL3008', 'RUN apt-get install -y curl=7.88.1', ob),
  no('DL3008', 'RUN apt-get install ./tool_1.2.3-1_amd64.deb', ob),
  no('DL3008', 'RUN apt-get -y --no-install-recommends install nodejs=18.19', ob),
  no(
    'DL3008',
    'RUN set -e &&\\\n echo "deb http://deb.debian.org/debian bookworm-backports main" > /etc/apt/sources.list.d/backports.list &&\\\n apt-get update &&\\\n apt-get install -y --no-install-recommends -t bookworm-backports openjdk-17-jdk=17.0.9+9-1~bpo12+1 &&\\\n rm -rf /var/lib/apt/lists/*',
    ob,
  ),

  // DL3009 apt lists
  yes('DL3009', 'FROM scratch\nRUN apt-get update && apt-get install curl', ob),
  no('DL3009', 'FROM ubuntu:24.04 AS tools\nRUN apt-get update && apt-get install curl\nFROM scratch\nRUN echo done'),
  yes('DL3009', 'FROM ubuntu:24.04 AS tools\nONBUILD RUN apt-get update && apt-get install curl\nFROM scratch\nONBUILD RUN echo done'),
  yes('DL3009', 'FROM ubuntu:24.04 AS tools\nRUN echo start\nFROM scratch\nRUN apt-get update && apt-get install curl', ob),
  yes('DL3009', 'FROM ubuntu:24.04 AS tools\nRUN apt-get update && apt-get install curl\nFROM tools\nRUN echo done', ob),
  no(
    'DL3009',
    'FROM ubuntu:24.04 AS tools\nRUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*\nFROM tools\nRUN echo done',
    ob,
  ),
  no('DL3009', 'FROM scratch\nRUN apt-get update && apt-get install curl && rm -rf /var/lib/apt/lists/*', ob),
  no('DL3009', 'RUN --mount=type=cache,target=/var/lib/apt/lists \\\n    apt-get update && apt-get install curl', ob),
  no(
    'DL3009',
    'RUN --mount=type=cache,target=/var/lib/apt \\\n    --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install curl',
    ob,
  ),
  no(
    'DL3009',
    'RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/cache/apt \\\n    --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install curl',
    ob,
  ),
  yes(
    'DL3009',
    'RUN --mount=type=cache,target=/var/cache/apt \\\n    rm -f /etc/apt/apt.conf.d/docker-clean && \\\n    apt-get update && apt-get install curl',
    ob,
  ),
  yes(
    'DL3009',
    'RUN rm -f /etc/apt/apt.conf.d/docker-clean\nRUN --mount=type=cache,target=/var/lib/apt \\\n    apt-get update && apt-get install curl',
    { ...ob, deliberate: LISTS_MOUNTED },
  ),

  // DL3011 port range
  yes('DL3011', 'EXPOSE 70000'),
  no('DL3011', 'EXPOSE 65000'),

  // DL3012 several HEALTHCHECKs
  no('DL3012', 'FROM scratch'),
  no('DL3012', 'FROM scratch\nHEALTHCHECK CMD /bin/check'),
  no('DL3012', 'FROM scratch\nHEALTHCHECK CMD /bin/check1\nFROM scratch\nHEALTHCHECK CMD /bin/check2'),
  yes('DL3012', 'FROM scratch\nHEALTHCHECK CMD /bin/check1\nHEALTHCHECK CMD /bin/check2'),

  // DL3014 apt-get -y
  yes('DL3014', 'RUN apt-get install curl', ob),
  no('DL3014', 'RUN apt-get install -yq curl', ob),
  no('DL3014', 'RUN apt-get install -qq curl', ob),
  no('DL3014', 'RUN apt-get install -y curl', ob),
  no('DL3014', 'RUN apt-get -y install curl', ob),
  no('DL3014', 'RUN apt-get --yes install curl', ob),
  no('DL3014', 'RUN apt-get --assume-yes install curl', ob),

  // DL3015 --no-install-recommends
  no('DL3015', 'RUN apt-get install --no-install-recommends curl', ob),
  yes('DL3015', 'RUN apt-get install curl', ob),
  yes('DL3015', 'RUN apt-get -y install curl', ob),
  no('DL3015', 'RUN apt-get -o APT::Install-Recommends=false install curl', ob),

  // DL3016 npm pinning
  no('DL3016', 'RUN npm install', ob),
  no('DL3016', 'RUN npm install --progress=false', ob),
  no('DL3016', 'RUN npm install lodash@4.17.21', ob),
  no('DL3016', 'RUN npm install @acme/utils@">=0.2.0"', ob),
  no('DL3016', 'RUN npm install lodash@"4.17.21" chalk@5.3.0', ob),
  no('DL3016', 'RUN npm install --global lodash@"4.17.21"', ob),
  no('DL3016', 'RUN npm install -g lodash@"4.17.21"', ob),
  no('DL3016', 'RUN npm install app-v2.0.0.tar', ob),
  no('DL3016', 'RUN npm install app-v2.0.0.tar.gz', ob),
  no('DL3016', 'RUN npm install app-v2.0.0.tgz', ob),
  no('DL3016', 'RUN npm install /pkg', ob),
  no('DL3016', 'RUN npm install ./pkg', ob),
  no('DL3016', 'RUN npm install ../pkg', ob),
  no('DL3016', 'RUN npm install ~/pkg', ob),
  no('DL3016', 'RUN npm install git+ssh://git@github.com:acme/tool.git#v2.1.0', ob),
  no('DL3016', 'RUN npm install git+http://dev@github.com/acme/tool#semver:^2.0', ob),
  no('DL3016', 'RUN npm install git+https://dev@github.com/acme/tool.git#v2.1.0', ob),
  no('DL3016', 'RUN npm install git://github.com/acme/tool.git#v2.1.0', ob),
  no('DL3016', 'RUN npm run --silent install', ob),
  no('DL3016', 'RUN npm install @acme/utils@">=0.2.0 <0.3.0"', ob),
  yes('DL3016', 'RUN npm install lodash', ob),
  yes('DL3016', 'RUN npm install @acme/utils', ob),
  yes('DL3016', 'RUN npm install lodash chalk@5.3.0', ob),
  yes('DL3016', 'RUN npm install --global lodash', ob),
  yes('DL3016', 'RUN npm install git+ssh://git@github.com:acme/tool.git', ob),
  yes('DL3016', 'RUN npm install git+http://dev@github.com/acme/tool', ob),
  yes('DL3016', 'RUN npm install git+https://dev@github.com/acme/tool.git', ob),
  yes('DL3016', 'RUN npm install git://github.com/acme/tool.git', ob),
  no('DL3016', 'RUN npm install --loglevel verbose chalk@5.3.0', ob),
  no('DL3016', 'RUN npm install --registry https://npm.example.com chalk@5.3.0', ob),
  yes('DL3016', 'RUN npm install --registry https://npm.example.com lodash', ob),
  yes('DL3016', 'RUN npm install --registry=https://npm.example.com lodash', ob),

  // DL3018 apk pinning
  yes('DL3018', 'RUN apk add bison', ob),
  no('DL3018', 'RUN apk add bison=3.8.2-r1', ob),
  no('DL3018', 'RUN apk add --no-cache git~2.45', ob),
  no('DL3018', 'RUN apk add --no-cache bison=3.8.2-r1 \\\n && pip install -r requirements.txt', ob),
  no('DL3018', 'RUN apk add --no-cache \\\nbison=3.8.2-r1 \\\nlibffi=3.4.4-r3 \\\npython3=3.11.8-r0 \\\nbzip2=1.0.8-r6', ob),
  yes('DL3018', 'RUN apk add --no-cache \\\nbison=3.8.2-r1 \\\nlibffi \\\npython3=3.11.8-r0 \\\nbzip2=1.0.8-r6', ob),
  no(
    'DL3018',
    'RUN apk add \\\n--virtual .build-deps \\\npython3-dev=3.11.8-r0 build-base=0.5-r3 wget=1.21.4-r0 \\\n&& pip install -r requirements.txt \\\n&& python setup.py install \\\n&& apk del .build-deps',
    ob,
  ),
  no('DL3018', 'RUN apk add --no-cache \\\n--repository https://dl-cdn.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0', ob),
  no('DL3018', 'RUN apk add --no-cache \\\n--repository=https://dl-cdn.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0', ob),
  no('DL3018', 'RUN apk add --no-cache \\\n-X https://dl-cdn.alpinelinux.org/alpine/edge/testing \\\nflow=0.78.0-r0', ob),
  no('DL3018', 'RUN apk add tool-2.0.0.apk', ob),

  // DL3019 apk --no-cache
  yes('DL3019', 'RUN apk add bison=3.8.2-r1', ob),
  no('DL3019', 'RUN apk add --no-cache bison=3.8.2-r1', ob),
  no('DL3019', 'RUN --mount=type=cache,target=/var/cache/apk apk add -U curl=8.5.0-r0', ob),
  no('DL3019', 'RUN --mount=type=cache,target=/var/cache/other apk add --no-cache -U curl=8.5.0-r0', ob),
  yes('DL3019', 'RUN --mount=type=cache,target=/var/cache/other apk add -U curl=8.5.0-r0', ob),

  // DL3021 COPY of several sources to a non-directory
  no('DL3021', 'COPY a.txt b.txt'),
  yes('DL3021', 'COPY a.txt b.txt dest'),
  no('DL3021', 'COPY a.txt b.txt dest/'),

  // DL3023 COPY --from its own stage
  yes('DL3023', 'FROM node:20 AS web\nCOPY --from=web dist .'),
  no('DL3023', 'FROM scratch AS compile\nRUN make\nFROM node:20 AS web\nCOPY --from=compile dist .\nRUN run'),

  // DL3024 duplicate stage names
  yes('DL3024', 'FROM node:20 AS web\nRUN make\nFROM scratch AS web\nRUN make'),
  no('DL3024', 'FROM scratch AS compile\nRUN make\nFROM node:20 AS web\nRUN run'),

  // DL3010 archives copied, then extracted
  yes('DL3010', 'COPY bundle.tar /srv/app\nRUN tar -xf /srv/app/bundle.tar'),
  yes('DL3010', 'COPY bundle.tar /srv/app\nWORKDIR /srv/app\nRUN make prep && echo go && tar -xf bundle.tar'),
  yes('DL3010', 'COPY dist/out/bundle.tar /b.tar\nRUN tar -xf /b.tar'),
  yes('DL3010', 'COPY out\\dist\\pkg.tar.gz "C:\\Program Files\\App"\nRUN tar -xf "C:\\Program Files\\App\\pkg.tar.gz"', {
    deliberate: WINDOWS_ESCAPE,
  }),
  yes('DL3010', 'COPY out\\dist\\pkg.tar.gz "C:\\Program Files\\app.tar.gz"\nRUN tar -xf app.tar.gz', { deliberate: WINDOWS_ESCAPE }),
  no('DL3010', 'COPY bundle.tar /srv/app\nFROM debian:12 AS next'),
  no('DL3010', 'COPY package-lock.json /srv/app'),
  no('DL3010', 'COPY --from=build /usr/local/share/lib.tar /opt/lib.tar'),

  // DL3013 pip pinning
  yes('DL3013', 'RUN pip2 install requests', ob),
  yes('DL3013', 'RUN pip3 install requests', ob),
  no('DL3013', 'RUN pip3 install requests==2.31.0', ob),
  no('DL3013', 'RUN pip3 install dist/app.whl', ob),
  no('DL3013', 'RUN pip3 install app.whl', ob),
  no('DL3013', 'RUN pip3 install app.tar.gz', ob),
  no('DL3013', 'RUN pip install -r reqs.txt', ob),
  no('DL3013', 'RUN pip install --requirement reqs.txt', ob),
  no('DL3013', 'RUN pip install .', ob),
  yes('DL3013', 'RUN pip install requests', ob),
  no('DL3013', 'RUN pip install requests~=2.31', ob),
  no('DL3013', 'RUN pip install requests===2.31.0', ob),
  no('DL3013', 'RUN pip install --ignore-installed requests==2.31.0', ob),
  no('DL3013', 'RUN pip3 install --build /opt/tool flake8==7.0.0', ob),
  no('DL3013', 'RUN pip3 install --prefix /opt/tool flake8==7.0.0', ob),
  no('DL3013', 'RUN pip3 install --root /opt/tool flake8==7.0.0', ob),
  no('DL3013', 'RUN pip3 install --target /opt/tool flake8==7.0.0', ob),
  no('DL3013', 'RUN pip3 install --trusted-host pypi.local flake8==7.0.0', ob),
  no('DL3013', 'RUN python -m pip install flake8==7.0.0', ob),
  yes('DL3013', 'RUN python -m pip install flake8'),
  yes('DL3013', 'RUN python -m pip install --index-url https://pypi.local/simple flake8', ob),
  no('DL3013', 'RUN pip install git+https://github.com/example/tool.git@1.4-beta#egg=tool', ob),
  yes('DL3013', 'RUN pip install git+https://github.com/example/tool.git#egg=tool', ob),
  no('DL3013', "RUN pip install 'sphinx>=7.0'", ob),
  no('DL3013', "RUN pip install 'sphinx<8'", ob),
  no('DL3013', "RUN pip install 'sphinx!=7.1'", ob),
  no('DL3013', 'RUN pip install requests==2.31.0 --user', ob),
  no('DL3013', 'RUN pip install requests==2.31.0 --disable-pip-version-check', ob),
  no('DL3013', 'RUN pip install --index-url https://pypi.local/simple tool==1.0.0', ob),
  no('DL3013', 'RUN pip install -i https://pypi.local/simple tool==1.0.0', ob),
  no('DL3013', 'RUN pip install --index-url https://pypi.local/simple --extra-index-url https://mirror.local/simple tool==1.0.0', ob),
  no('DL3013', 'RUN pip install requests==2.31.0 --no-cache-dir', ob),
  no('DL3013', 'RUN pip install kafka-python --constraint https://example.com/constraints.txt', ob),
  no('DL3013', 'RUN pip install kafka-python -c https://example.com/constraints.txt', ob),
  no(
    'DL3013',
    'RUN pip install --index-url https://u:p@pypi.local/simple --extra-index-url https://u:p@mirror.local/simple tool==1.0.0',
    ob,
  ),

  // DL3020 ADD vs COPY
  no('DL3020', 'ADD app.tar /srv/'),
  no('DL3020', 'ADD app.gz /srv/'),
  no('DL3020', 'ADD app.bz2 /srv/'),
  no('DL3020', 'ADD app.xz /srv/'),
  no('DL3020', 'ADD app.tgz /srv/'),
  no('DL3020', 'ADD https://example.com/tool /srv/'),
  yes('DL3020', 'ADD app /srv/'),
  yes('DL3020', 'ADD app.zip /srv/'),
  no('DL3020', 'ADD "app.tgz" /srv/'),
  no('DL3020', 'ADD "https://example.com/tool" /srv/'),
  yes('DL3020', 'ADD "app.zip" /srv/'),

  // DL3022 COPY --from an unknown stage
  yes('DL3022', 'COPY --from=assets dist .'),
  yes('DL3022', 'FROM scratch\nCOPY --from=compile out .\nFROM node AS compile\nRUN make'),
  no('DL3022', 'FROM scratch AS compile\nRUN make\nFROM node\nCOPY --from=compile out .\nRUN run'),

  // DL3028 gem pinning
  yes('DL3028', 'RUN gem i rake', ob),
  no('DL3028', 'RUN gem i rake:13', ob),
  yes('DL3028', 'RUN gem i rake:13 rspec', ob),
  no('DL3028', 'RUN gem i rake:13 rspec:3', ob),
  yes('DL3028', 'RUN gem install rake', ob),
  no('DL3028', 'RUN gem install rake:13', ob),
  no('DL3028', "RUN gem install rake -v '13.1.0'", ob),
  no('DL3028', "RUN gem install rake --version '13.1.0'", ob),
  no('DL3028', "RUN gem install rake --version='13.1.0'", ob),
  no('DL3028', 'RUN gem install nokogiri:1.16.0 -- --use-system-libraries=true', ob),
  no('DL3028', 'RUN gem install nokogiri:1.16.0 -- --use-system-libraries true', ob),
  no('DL3028', 'RUN gem install nokogiri:1.16.0 --use-system-libraries true', ob),
  no('DL3028', 'RUN gem install nokogiri:1.16.0 --use-system-libraries=true', ob),

  // DL3025 JSON form for CMD / ENTRYPOINT
  yes('DL3025', 'FROM node:20 AS web\nENTRYPOINT serve'),
  no('DL3025', 'FROM scratch AS b\nENTRYPOINT ["serve", "--port"]'),
  yes('DL3025', 'FROM node:20 AS web\nCMD serve'),
  no('DL3025', 'FROM scratch AS b\nCMD ["serve", "--port"]\nCMD [ "serve", "--port" ]'),

  // DL3026 trusted registries
  no('DL3026', 'FROM registry.example.net/debian'),
  yes('DL3026', 'FROM registry.example.net/debian', trusted('docker.io')),
  no('DL3026', 'FROM registry.example.net/debian', trusted('y.example.org', 'registry.example.net')),
  no('DL3026', 'FROM scratch', trusted('y.example.org', 'registry.example.net')),
  no(
    'DL3026',
    'FROM ubuntu:24.04 AS one\nFROM someone/ubuntu:24.04 AS two\nFROM docker.io/someone/ubuntu:24.04 AS three',
    trusted('docker.io'),
  ),
  no('DL3026', 'FROM registry.example.net/tools AS one\nFROM one AS two', trusted('registry.example.net')),
  yes('DL3026', 'FROM y.example.org/debian', trusted('*.example.net')),
  no('DL3026', 'FROM eu.example.net/debian', trusted('y.example.org', '*.example.net')),
  no('DL3026', 'FROM ubuntu:24.04 AS one\nFROM someone/ubuntu:24.04 AS two\nFROM docker.io/someone/ubuntu:24.04 AS three', trusted('*')),

  // DL3027 apt
  yes('DL3027', 'FROM ubuntu:24.04\nRUN apt install curl', ob),

  // DL3029 FROM --platform
  yes('DL3029', 'FROM --platform=linux debian:12'),
  no('DL3029', 'FROM debian:12'),

  // DL3034 zypper non-interactive
  yes('DL3034', 'RUN zypper install nginx=1.21.5 && zypper clean', ob),
  no('DL3034', 'RUN zypper install -n nginx=1.21.5 && zypper clean', ob),
  no('DL3034', 'RUN zypper install --non-interactive nginx=1.21.5 && zypper clean', ob),
  no('DL3034', 'RUN zypper install -y nginx=1.21.5 && zypper clean', ob),
  no('DL3034', 'RUN zypper install --no-confirm nginx=1.21.5 && zypper clean', ob),

  // DL3035 zypper dist-upgrade
  yes('DL3035', 'RUN zypper dist-upgrade', ob),
  yes('DL3035', 'RUN zypper dup', ob),

  // DL3036 zypper clean
  yes('DL3036', 'RUN zypper install -y postgresql=15.4', ob),
  no('DL3036', 'RUN zypper install -y postgresql=15.4 && zypper clean', ob),
  no('DL3036', 'RUN zypper install -y postgresql=15.4 && zypper cc', ob),

  // DL3037 zypper pinning
  yes('DL3037', 'RUN zypper install -y nginx && zypper clean', ob),
  no('DL3037', 'RUN zypper install -y nginx=1.21.5 && zypper clean', ob),
  no('DL3037', 'RUN zypper install -y nginx\\>=1.21 && zypper clean', ob),
  no('DL3037', 'RUN zypper install -y nginx\\>1.21 && zypper clean', ob),
  no('DL3037', 'RUN zypper install -y nginx\\<=1.21 && zypper clean', ob),
  no('DL3037', 'RUN zypper install -y nginx\\<1.21 && zypper clean', ob),
  no('DL3037', 'RUN zypper install -y nginx-1.21.5-1.rpm && zypper clean', ob),

  // DL3030 yum -y
  yes('DL3030', 'RUN yum install nginx-1.24.0 && yum clean all', ob),
  no('DL3030', 'RUN yum install -y nginx-1.24.0 && yum clean all', ob),
  no('DL3030', 'RUN bash -c `# no yum here`', ob),

  // DL3032 yum clean all
  yes('DL3032', 'RUN yum install -y postgresql-15.4', ob),
  no('DL3032', 'RUN yum install -y postgresql-15.4 && yum clean all', ob),
  no('DL3032', 'RUN bash -c `# no yum here`', ob),

  // DL3033 yum pinning
  yes('DL3033', 'RUN yum install -y nginx && yum clean all', ob),
  no('DL3033', 'RUN yum install -y nginx-1.24 && yum clean all', ob),
  no('DL3033', 'RUN yum install -y openssl-1:3.0.7', ob),
  no('DL3033', 'RUN yum install -y python3-pip-21.3.1', ob),
  no('DL3033', 'RUN yum install -y libstdc++-11.4.1', ob),
  yes('DL3033', 'RUN yum module install -y nodejs && yum clean all', ob),
  no('DL3033', 'RUN yum module install -y nodejs:20 && yum clean all', ob),
  no('DL3033', 'RUN yum install -y "git-core-${GIT_VERSION}" && yum clean all', ob),
  no('DL3033', 'RUN yum install -y "which-${WHICH_VERSION}" && yum clean all'),
  no('DL3033', 'RUN yum install -y "python3-pip-${PIP_VERSION}" && yum clean all'),
  no('DL3033', 'RUN yum install -y nginx-$NGINX_VERSION && yum clean all'),

  // DL3038 dnf -y
  yes('DL3038', 'RUN dnf install nginx-1.24.0 && dnf clean all', ob),
  no('DL3038', 'RUN dnf install -y nginx-1.24.0 && dnf clean all', ob),
  no('DL3038', 'RUN notdnf install nginx', ob),
  yes('DL3038', 'RUN microdnf install nginx-1.24.0 && microdnf clean all', { ...ob, deliberate: MICRODNF_YES }),
  no('DL3038', 'RUN microdnf install -y nginx-1.24.0 && microdnf clean all', ob),

  // DL3040 dnf clean all (hadolint 2.14's spec, which adds `dnf in`, upgrades and reinstalls)
  ...['install', 'in'].flatMap((verb) => [
    yes('DL3040', `RUN dnf ${verb} -y postgresql-15.4`, ob),
    no('DL3040', `RUN dnf ${verb} -y postgresql-15.4 && dnf clean all`),
    no('DL3040', `RUN dnf ${verb} -y postgresql-15.4 && rm -rf /var/cache/yum/*`, ob),
    yes('DL3040', `RUN microdnf clean all && dnf ${verb} -y postgresql-15.4`),
    yes('DL3040', `RUN rm -rf /var/cache/libdnf5 && dnf ${verb} -y postgresql-15.4`, ob),
    no('DL3040', `RUN --mount=type=cache,target=/var/cache/libdnf5 dnf ${verb} -y postgresql-15.4`, ob),
    no('DL3040', `RUN --mount=type=tmpfs,target=/var/cache/libdnf5 dnf ${verb} -y postgresql-15.4`, ob),
  ]),
  yes('DL3040', 'RUN microdnf install -y postgresql-15.4', ob),
  yes('DL3040', 'ONBUILD RUN dnf install -y postgresql-15.4 && microdnf clean all'),
  no('DL3040', 'ONBUILD RUN dnf install -y postgresql-15.4 && dnf clean all'),
  no('DL3040', 'RUN microdnf install -y postgresql-15.4 && microdnf clean all', ob),
  no('DL3040', 'RUN notdnf install postgresql', ob),
  no('DL3040', 'RUN microdnf install -y postgresql-15.4 && rm -rf /var/cache/yum/*', ob),
  yes('DL3040', 'RUN rm -rf /var/cache/libdnf5 && microdnf install -y postgresql-15.4', ob),
  no('DL3040', 'RUN --mount=type=cache,target=/var/cache/libdnf5 microdnf install -y postgresql-15.4', ob),
  no('DL3040', 'RUN --mount=type=tmpfs,target=/var/cache/libdnf5 microdnf install -y postgresql-15.4', ob),
  yes('DL3040', 'RUN dnf -y upgrade', ob),
  yes('DL3040', 'RUN dnf -y up', ob),
  ...['install', 'in', 'upgrade', 'up', 'upgrade-minimal', 'up-min', 'reinstall', 'rei'].flatMap((verb) => [
    yes('DL3040', `RUN dnf -y ${verb}`),
    no('DL3040', `RUN dnf -y ${verb} && dnf clean all`),
  ]),

  // DL3041 dnf pinning
  yes('DL3041', 'RUN dnf install -y nginx && dnf clean all', ob),
  yes('DL3041', 'RUN microdnf install -y nginx && microdnf clean all'),
  yes('DL3041', 'RUN dnf install -y python3-pip && dnf clean all', ob),
  yes('DL3041', 'RUN microdnf install -y python3-pip && microdnf clean all'),
  no('DL3041', 'RUN dnf install -y nginx-1.24.0 && dnf clean all', ob),
  no('DL3041', 'RUN microdnf install -y nginx-1.24.0 && microdnf clean all', ob),
  no('DL3041', 'RUN notdnf install openssl-1:3.0.7', ob),
  no('DL3041', 'RUN notdnf install nginx', ob),
  no('DL3041', 'RUN dnf install -y python3-pip-21.3.1 && dnf clean all', ob),
  no('DL3041', 'RUN microdnf install -y python3-pip-21.3.1 && microdnf clean all', ob),
  no('DL3041', 'RUN dnf install -y libstdc++-11.4.1', ob),
  no('DL3041', 'RUN microdnf install -y libstdc++-11.4.1', ob),
  no('DL3041', 'RUN dnf install -y openssl-1:3.0.7', ob),
  no('DL3041', 'RUN microdnf install -y openssl-1:3.0.7', ob),
  yes('DL3041', 'RUN dnf module install -y nodejs && dnf clean all', ob),
  yes('DL3041', 'RUN microdnf module install -y nodejs && microdnf clean all'),
  no('DL3041', 'RUN dnf module install -y nodejs:20 && dnf clean all', ob),
  no('DL3041', 'RUN microdnf module install -y nodejs:20 && microdnf clean all', ob),
  no('DL3041', 'RUN notdnf module install nodejs', ob),
  no('DL3041', 'RUN dnf install -y "git-core-${GIT_VERSION}" && dnf clean all', ob),
  no('DL3041', 'RUN dnf install -y "python3-pip-${PIP_VERSION}" && dnf clean all'),
  no('DL3041', 'RUN dnf install -y nginx-$NGINX_VERSION && dnf clean all'),
  no('DL3041', 'RUN microdnf install -y "git-core-${GIT_VERSION}" && microdnf clean all'),

  // DL3042 pip cache
  yes('DL3042', 'RUN pip2 install requests', ob),
  yes('DL3042', 'RUN pip3 install requests', ob),
  yes('DL3042', 'RUN pip install requests', ob),
  no('DL3042', 'RUN pip2 install requests --no-cache-dir', ob),
  no('DL3042', 'RUN pip3 install --no-cache-dir requests', ob),
  no('DL3042', 'RUN pip install requests --no-cache-dir', ob),
  no('DL3042', 'RUN pipx install black', ob),
  no('DL3042', 'RUN pipenv install requests', ob),
  ...['1', 'on', 'yes', 'true'].flatMap((v) => [
    no('DL3042', `ENV PIP_NO_CACHE_DIR=${v}\nRUN pip install requests`),
    no('DL3042', `RUN PIP_NO_CACHE_DIR=${v} pip install requests`),
    no('DL3042', `RUN export PIP_NO_CACHE_DIR=${v} && pip install requests`),
  ]),
  ...['0', 'off', 'no', 'false'].flatMap((v) => [
    yes('DL3042', `ENV PIP_NO_CACHE_DIR=${v}\nRUN pip install requests`, { deliberate: PIP_FALSY }),
    yes('DL3042', `RUN PIP_NO_CACHE_DIR=${v} pip install requests`, { deliberate: PIP_FALSY }),
    yes('DL3042', `RUN export PIP_NO_CACHE_DIR=${v} && pip install requests`, { deliberate: PIP_FALSY }),
  ]),
  no('DL3042', 'FROM debian:12 AS py\nENV PIP_NO_CACHE_DIR=1\nFROM py\nRUN pip install flask'),
  yes('DL3042', 'FROM debian:12 AS py\nENV PIP_NO_CACHE_DIR=1\nFROM debian:12\nRUN pip install flask'),

  // DL3043 instructions not allowed in ONBUILD
  yes('DL3043', 'ONBUILD ONBUILD RUN make'),
  yes('DL3043', 'ONBUILD FROM debian:12'),
  yes('DL3043', 'ONBUILD MAINTAINER "Jane Doe"'),
  ...[
    'ADD src dst',
    'USER app',
    'LABEL team="core"',
    'STOPSIGNAL SIGTERM',
    'COPY src dst',
    'RUN make',
    'CMD make',
    'SHELL ["/bin/bash", "-c"]',
    'WORKDIR /srv',
    'EXPOSE 8080',
    'VOLUME /data',
    'ENTRYPOINT make',
    'ENV MODE="prod"',
    'ARG MODE',
    'HEALTHCHECK NONE',
  ].map((i) => no('DL3043', `ONBUILD ${i}`)),
  no('DL3043', 'FROM debian:12'),
  no('DL3043', 'MAINTAINER "Jane Doe"'),

  // DL3044 ENV referring to a variable it defines
  no('DL3044', 'ENV APP="web"\nENV DATA="${APP}/data"'),
  no('DL3044', 'ENV APP="web" DATA="${MYAPP}/data"'),
  no('DL3044', 'ENV APP="web" DATA="${APPX}/data"'),
  no('DL3044', 'ENV APP="web" DATA="$MYAPP/data"'),
  no('DL3044', 'ENV APP="web" DATA="$APPX/data"'),
  yes('DL3044', 'ENV APP="web" DATA="$APP/$APPX/data"'),
  no('DL3044', 'ENV APP="web" DATA="APP/$APPX/APP"'),
  no('DL3044', 'ARG APP\nENV APP=${APP}'),
  no('DL3044', 'ENV APP web\nENV APP=${APP}'),
  no('DL3044', 'ENV PATH=/opt/bin:${PATH}'),
  no('DL3044', 'ENV PATH=/opt/bin:${PATH}\nENV PATH=/srv/bin:${PATH}'),
  yes('DL3044', 'ENV PATH=/opt/bin:${PATH} PATH=/srv/bin:${PATH}'),
  yes('DL3044', 'ENV APP="web" DATA="${APP}/data"'),
  yes('DL3044', 'ENV APP="web" DATA="$APP/data"'),
  yes('DL3044', 'ENV APP="web" DATA="$APP"'),
  yes('DL3044', 'ENV APP="web" DATA="${APP}"'),

  // DL3046 useradd with a high UID and no -l
  no('DL3046', 'RUN useradd app'),
  no('DL3046', 'RUN useradd -u 54321 app'),
  no('DL3046', 'RUN useradd -l -u 654321 app'),
  no('DL3046', 'RUN useradd -l app'),
  yes('DL3046', 'RUN useradd -u 654321 app'),

  // DL3047 wget progress
  yes('DL3047', 'FROM node:20 AS web\nRUN wget example.com/file'),
  ...[
    '--progress=dot:giga',
    '-q',
    '--quiet',
    '-nv',
    '--no-verbose',
    '--output-file=/tmp/get.log',
    '-o /tmp/get.log',
    '--append-output=/tmp/get.log',
    '-a /tmp/get.log',
  ].map((flag) => no('DL3047', `FROM node:20 AS web\nRUN wget ${flag} example.com/file`)),

  // DL3049 required labels missing (schema: team)
  ...(
    [
      [1, 'FROM alpine:3.20'],
      [1, 'FROM alpine:3.20\nLABEL owner="web"'],
    ] as const
  ).map(([count, text]) => ({ dl: 'DL3049', hits: count > 0, text, onbuild: true, ...schema({ team: 'text' }) })),
  no('DL3049', 'FROM alpine:3.20\nLABEL team="web"', schema({ team: 'text' })),
  no('DL3049', 'FROM alpine:3.20\nONBUILD LABEL team="web"', { ...schema({ team: 'text' }), deliberate: ONBUILD_LABEL }),
  ...(
    [
      [2, 'FROM alpine:3.20\nFROM debian:12'],
      [2, 'FROM alpine:3.20\nLABEL owner="web"\nFROM debian:12\nLABEL tier="fe"'],
      [1, 'FROM alpine:3.20\nFROM debian:12\nLABEL team="web"'],
      [1, 'FROM alpine:3.20\nLABEL owner="web"\nFROM debian:12\nLABEL team="web"'],
      [0, 'FROM alpine:3.20 AS base\nLABEL team="web"\nFROM base'],
    ] as const
  ).map(([count, text]) => ({ dl: 'DL3049', hits: count > 0, count, text, ...schema({ team: 'text' }) })),
  {
    dl: 'DL3049',
    hits: true,
    count: 1,
    text: 'FROM alpine:3.20 AS base\nFROM base\nLABEL team="web"',
    ...schema({ team: 'text' }),
    deliberate: BASE_STAGE_LABELS,
  },

  // DL3050 labels outside the schema (strict)
  no('DL3050', '', { ...ob, ...schema({ team: 'text' }, true) }),
  no('DL3050', 'LABEL team="web"', { ...ob, ...schema({ team: 'text' }, true) }),
  yes('DL3050', 'LABEL owner="web"', { ...ob, ...schema({ team: 'text' }, true) }),
  yes('DL3050', 'LABEL team="web" owner="web"', { ...ob, ...schema({ team: 'text' }, true) }),

  // DL3051 empty schema label
  yes('DL3051', 'LABEL team=""', { ...ob, ...schema({ team: 'text' }) }),
  no('DL3051', 'LABEL team="web"', { ...ob, ...schema({ team: 'text' }) }),
  no('DL3051', 'LABEL owner=""', { ...ob, ...schema({ team: 'text' }) }),

  // DL3052-DL3056, DL3058 label formats
  ...(
    [
      ['DL3052', 'url', 'nope', 'https://example.org'],
      ['DL3053', 'rfc3339', 'yesterday', '2024-05-01T08:15:30.123456789+02:00'],
      ['DL3054', 'spdx', 'not-a-licence', 'Apache-2.0'],
      ['DL3055', 'hash', 'no-hash-here', '3fa9c1e'],
      ['DL3055', 'hash', 'no-hash-here', '9b1d3e0c2f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c'],
      ['DL3056', 'semver', 'not-a-version', '1.4.0'],
      ['DL3056', 'semver', 'not-a-version', '3.0.2-beta1'],
      ['DL3058', 'email', 'nobody', 'dev@example.org'],
    ] as const
  ).flatMap(([dl, format, bad, good]) => [
    yes(dl, `LABEL checked="${bad}"`, { ...ob, ...schema({ checked: format }), ...(format === 'spdx' ? { deliberate: SPDX_SYNTAX } : {}) }),
    no(dl, `LABEL checked="${good}"`, { ...ob, ...schema({ checked: format }) }),
    no(dl, `LABEL other="${bad}"`, { ...ob, ...schema({ checked: format }) }),
  ]),

  // DL3057 HEALTHCHECK missing
  yes('DL3057', 'FROM scratch'),
  no('DL3057', 'FROM scratch\nHEALTHCHECK CMD /bin/check'),
  no('DL3057', 'FROM scratch AS base\nHEALTHCHECK CMD /bin/check\nFROM base'),
  yes('DL3057', 'FROM scratch AS base\nHEALTHCHECK CMD /bin/check\nFROM scratch'),

  // DL3060 yarn cache
  no('DL3060', 'RUN make', ob),
  yes('DL3060', 'RUN yarn install react', ob),
  no('DL3060', 'RUN yarn install react && yarn cache clean', ob),
  yes('DL3060', 'FROM node:20-alpine AS deps\nRUN echo start\nFROM scratch\nRUN yarn install', ob),
  yes('DL3060', 'FROM node:20-alpine AS deps\nRUN yarn install\nFROM deps\nRUN echo done', ob),
  no('DL3060', 'FROM node:20-alpine AS deps\nRUN yarn install && yarn cache clean\nFROM deps\nRUN echo done', ob),
  no('DL3060', 'FROM node:20-alpine AS deps\nRUN yarn install react\nFROM scratch\nRUN echo done'),
  yes('DL3060', 'FROM node:20-alpine AS deps\nONBUILD RUN yarn install react\nFROM scratch\nONBUILD RUN echo done'),

  // DL3061 instruction before FROM
  yes('DL3061', 'LABEL team=core\nFROM debian:12', ob),
  no('DL3061', 'FROM debian:12\nLABEL team=core', ob),
  no('DL3061', 'ARG V=1\nFROM debian:12\nLABEL team=core', ob),
  no('DL3061', '# syntax=docker/dockerfile:1\nFROM node:20-alpine', ob),
  no('DL3061', 'FROM debian:12\nARG V=1\nRUN echo hi'),

  // DL3062 go install / get / run pinning (hadolint's DL3062 of the releases that define it so)
  yes('DL3062', 'RUN go install example.org/tool', ob),
  yes('DL3062', 'RUN go install example.org/tool@latest', ob),
  no('DL3062', 'RUN go install example.org/tool@v0.9.1', ob),
  no('DL3062', 'RUN go install /src/cmd/tool', ob),
  no('DL3062', 'RUN go install ./cmd/tool', ob),
  no('DL3062', 'RUN go install .', ob),
  yes('DL3062', 'RUN go install tool mockgen', ob),
  yes('DL3062', 'RUN go install tool mockgen@latest', ob),
  no('DL3062', 'RUN go install tool mockgen@v0.9.1', ob),
  yes('DL3062', 'RUN go get example.org/tool', ob),
  yes('DL3062', 'RUN go get example.org/tool@latest', ob),
  no('DL3062', 'RUN go get example.org/tool@v0.9.1', ob),
  yes('DL3062', 'RUN go get -tool mockgen', ob),
  yes('DL3062', 'RUN go get -tool mockgen@latest', ob),
  no('DL3062', 'RUN go get -tool mockgen@v0.9.1', ob),
  yes('DL3062', 'RUN go run example.org/tool', ob),
  yes('DL3062', 'RUN go run example.org/tool@latest', ob),
  no('DL3062', 'RUN go run example.org/tool@v0.9.1', ob),
  no('DL3062', 'RUN go run example.org/tool@v0.9.1 -v', ob),
  no('DL3062', 'RUN go run example.org/tool@v0.9.1 -verbose', ob),
  no('DL3062', 'RUN go run example.org/tool@v0.9.1 --verbose', ob),
  no('DL3062', 'RUN go run example.org/tool@v0.9.1 input', ob),
  no('DL3062', 'RUN go run example.org/tool@v0.9.1 --in file', ob),
  no('DL3062', 'RUN go run /src/cmd/tool', ob),
  no('DL3062', 'RUN go run ./cmd/tool', ob),
  no('DL3062', 'RUN go run .', ob),

  // DL3063 reserved stage names
  yes('DL3063', 'FROM node:20 AS scratch'),
  yes('DL3063', 'FROM node:20 AS context'),
  no('DL3063', 'FROM node:20 AS web'),

  // DL3064 secrets in ARG / ENV (rules/security/secrets-in-arg-or-env)
  no('DL3064', 'FROM debian:12\nRUN make', ob),
  no('DL3064', 'ARG variant\nFROM debian:12\nRUN make', ob),
  no('DL3064', 'FROM debian:12\nENV variant=slim\nRUN make', ob),
  yes('DL3064', 'ARG GITHUB_TOKEN\nFROM debian:12\nRUN make', ob),
  yes('DL3064', 'ARG anthropic_api_key\nFROM debian:12\nRUN make', ob),
  yes('DL3064', 'FROM debian:12\nENV AWS_SECRET_ACCESS_KEY=qwertyuiopasdfghjklzxcvbnm\nRUN make', ob),
  yes('DL3064', 'FROM debian:12\nENV db_password=qwertyuiopasdfghjklzxcvbnm\nRUN make', ob),

  // DL3065 FROM --platform=$TARGETPLATFORM
  no('DL3065', 'FROM alpine:3.20'),
  no('DL3065', 'FROM --platform=$OTHER alpine:3.20'),
  no('DL3065', 'FROM --platform=other alpine:3.20'),
  no('DL3065', 'FROM --platform=other/arm64 alpine:3.20'),
  yes('DL3065', 'FROM --platform=$TARGETPLATFORM alpine:3.20'),
  yes('DL3065', 'FROM --platform=${TARGETPLATFORM} alpine:3.20'),

  // DL3045 COPY to a relative destination without WORKDIR
  no('DL3045', 'COPY run.sh /usr/local/bin/run.sh', ob),
  no('DL3045', 'COPY run.sh "/usr/local/bin/run.sh"', ob),
  no('DL3045', 'COPY run.sh c:\\tools\\run.sh', ob),
  no('DL3045', 'COPY run.sh "c:\\tools\\run.sh"', ob),
  no('DL3045', 'COPY run.sh c:/tools/run.sh', ob),
  no('DL3045', 'FROM scratch\nWORKDIR /srv\nCOPY run.sh run2.sh', ob),
  no('DL3045', 'FROM scratch\nWORKDIR c:\\tools\nCOPY run.sh run2.sh', ob),
  no('DL3045', 'COPY run.sh ${APP_DIR}', ob),
  no('DL3045', 'COPY run.sh $APP_DIR', ob),
  no('DL3045', 'COPY run.sh "${APP_DIR}"', ob),
  no('DL3045', 'COPY run.sh "$APP_DIR"', ob),
  yes('DL3045', 'COPY run.sh run2.sh', ob),
  yes('DL3045', 'COPY run.sh "run2.sh"', ob),
  yes('DL3045', 'FROM debian:12 AS one\nWORKDIR /srv\nFROM debian:12\nCOPY src dst', ob),
  yes(
    'DL3045',
    'FROM mcr.microsoft.com/windows/servercore AS one\nWORKDIR c:\\tools\nFROM mcr.microsoft.com/windows/servercore\nCOPY src dst',
    ob,
  ),
  no('DL3045', 'FROM debian:12 AS base\nWORKDIR /srv\nFROM debian:12 AS middle\nRUN make\nFROM base\nCOPY src dst', ob),
  no(
    'DL3045',
    'FROM mcr.microsoft.com/windows/servercore AS base\nWORKDIR c:\\tools\nFROM mcr.microsoft.com/windows/servercore AS middle\nRUN make\nFROM base\nCOPY src dst',
    ob,
  ),
  no('DL3045', 'FROM debian:12 AS one\nWORKDIR /srv\nFROM one AS two\nRUN make\nFROM two\nCOPY src dst', ob),
  no(
    'DL3045',
    'FROM mcr.microsoft.com/windows/servercore AS one\nWORKDIR c:\\tools\nFROM one AS two\nRUN make\nFROM two\nCOPY src dst',
    ob,
  ),
  no('DL3045', 'FROM debian:12\nONBUILD WORKDIR /usr/local/share\nONBUILD COPY src dst'),
  yes('DL3045', 'COPY x y', ob),

  // DL3048 label keys
  ...['com.docker.version', 'io.docker.version', 'org.dockerproject.version'].map((k) => yes('DL3048', `LABEL ${k}="1"`, ob)),
  yes('DL3048', 'LABEL bad$key="1"', { ...ob, deliberate: LABEL_VARIABLE }),
  yes('DL3048', 'LABEL .bad="1"', ob),
  yes('DL3048', 'LABEL -bad="1"', ob),
  yes('DL3048', 'LABEL 2bad="1"', ob),
  yes('DL3048', 'LABEL bad..key="1"', ob),
  yes('DL3048', 'LABEL bad--key="1"', ob),
  no('DL3048', 'LABEL org.good-key.label2="1"', ob),
  no('DL3048', 'LABEL goodkey="1"', ob),

  // DL3059 consecutive RUN
  no('DL3059', 'FROM debian:12'),
  no('DL3059', 'RUN /setup.sh'),
  no('DL3059', 'RUN /setup.sh\nWORKDIR /\nRUN /build.sh'),
  yes('DL3059', 'RUN /setup.sh\nRUN /build.sh'),
  yes('DL3059', 'RUN /setup.sh\n# note\nRUN /build.sh'),
  yes('DL3059', 'RUN /setup.sh\n# note\n# more\nRUN /build.sh'),
  no('DL3059', '# note\nRUN /setup.sh'),
  no('DL3059', 'RUN --mount=type=secret,id=tok /setup.sh\nRUN /build.sh'),
  no('DL3059', 'RUN --mount=type=secret,id=tok /setup.sh\nRUN --mount=type=secret,id=key /build.sh'),
  yes('DL3059', 'RUN --mount=type=secret,id=tok /setup.sh\nRUN --mount=type=secret,id=tok /build.sh'),
  no('DL3059', 'RUN make && make install\nRUN cleanup'),
  no('DL3059', 'RUN make; make install\nRUN cleanup'),
  no('DL3059', 'RUN cleanup\nRUN make && make install'),
  no('DL3059', 'RUN cleanup\nRUN make; make install'),
  no('DL3059', 'RUN make && make install\nRUN make; make install'),
  yes('DL3059', 'RUN make && make install\nRUN make\nRUN cleanup'),

  // DL3062 (hadolint: npm install without production flag) — not what k8slint's DL3062 alias means
  // DL3006 untagged images (rules/reliability/unpinned-image)
  yes('DL3006', 'FROM ubuntu'),
  yes('DL3006', 'FROM ubuntu AS tools'),
  no('DL3006', 'FROM python@sha256:0a1b2c3d4e5f6a7b8c9d'),
  no('DL3006', 'FROM python:3'),
  no('DL3006', 'FROM ${BASE_IMAGE}'),
  no('DL3006', 'FROM golang:1.22-alpine3.20 AS build\nRUN make\nFROM build AS test\nRUN make test\nFROM alpine:3.20\nRUN echo done', ob),
  yes('DL3006', 'FROM golang:1.22-alpine3.20 AS build\nRUN make\nFROM node AS test\nRUN make test\nFROM alpine:3.20\nRUN echo done', ob),
  no('DL3006', 'FROM scratch'),

  // DL3007 :latest
  yes('DL3007', 'FROM ubuntu:latest'),
  yes('DL3007', 'FROM ubuntu:latest AS tools'),
  no('DL3007', 'FROM ubuntu:noble'),
  no('DL3007', 'FROM registry.example.com/ubuntu@sha256:8959ed6f7e35f8b1aaa06d1d8259d4ee25aa85a086d5c125480c333183f9deeb'),
  no('DL3007', 'FROM ubuntu:noble AS tools'),

  // DL4000 MAINTAINER
  yes('DL4000', 'FROM busybox\nMAINTAINER jane@example.com'),
  yes('DL4000', 'FROM debian:12\nMAINTAINER Jane'),
  yes('DL4000', 'MAINTAINER Jane\nFROM DEBIAN'),
  no('DL4000', 'FROM debian:12'),

  // DL4001 wget and curl
  yes('DL4001', 'FROM node:20 AS web\nRUN wget example.com/a\nRUN curl localhost'),
  yes('DL4001', 'FROM node:20 AS web\nRUN wget example.com/a && curl localhost'),
  no('DL4001', 'FROM node:20 AS web\nRUN wget example.com/a'),
  no('DL4001', 'FROM node:20 AS web\nRUN wget example.com/a\nFROM scratch\nRUN curl localhost'),
  yes('DL4001', 'FROM node:20 AS web\nRUN wget example.com/a\nRUN curl localhost\nFROM scratch\nRUN curl localhost'),
  yes('DL4001', 'FROM node:20 AS web\nRUN wget example.com/a\nRUN curl example.com/a\nRUN echo hi', { count: 1 }),
  yes('DL4001', 'FROM node:20 AS web\nRUN wget example.com/a\nRUN curl example.com/a\nRUN echo hi\nRUN wget example.org', { count: 2 }),

  // DL4003 / DL4004 several CMD / ENTRYPOINT in a stage
  yes('DL4003', 'FROM debian:12\nCMD bash\nRUN make\nCMD other'),
  no('DL4003', 'FROM debian:12 AS one\nCMD bash\nRUN make\nFROM debian:12 AS two\nCMD other'),
  yes('DL4003', 'FROM debian:12 AS one\nCMD bash\nRUN make\nCMD other\nFROM debian:12 AS two\nCMD other'),
  no('DL4003', 'CMD /bin/true'),
  no('DL4004', 'FROM busybox'),
  yes('DL4004', 'FROM debian:12\nENTRYPOINT bash\nRUN make\nENTRYPOINT other'),
  no('DL4004', 'FROM debian:12 AS one\nENTRYPOINT bash\nRUN make\nFROM debian:12 AS two\nENTRYPOINT other'),
  yes('DL4004', 'FROM debian:12 AS one\nENTRYPOINT bash\nRUN make\nENTRYPOINT other\nFROM debian:12 AS two\nENTRYPOINT other'),
  no('DL4004', 'ENTRYPOINT /bin/true'),

  // DL4005 ln over /bin/sh
  yes('DL4005', 'RUN ln -sfv /bin/bash /bin/sh', ob),
  no('DL4005', 'RUN ln -sf /bin/true /usr/sbin/policy-rc.d', ob),
  no('DL4005', 'RUN ln -s a b && other && uses /bin/sh', ob),

  // DL4006 pipefail
  yes('DL4006', 'FROM scratch\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM scratch AS b\nRUN curl -fsS https://example.com && grep -c ok f > /count'),
  no('DL4006', 'FROM scratch AS b\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no(
    'DL4006',
    'FROM scratch AS b\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count',
  ),
  no(
    'DL4006',
    'FROM scratch AS b\nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count',
  ),
  no('DL4006', 'FROM scratch AS b\nSHELL ["/bin/zsh", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no(
    'DL4006',
    'FROM scratch AS b\nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count',
  ),
  no(
    'DL4006',
    'FROM scratch AS b\nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count',
  ),
  no('DL4006', 'FROM scratch AS b\nSHELL ["pwsh", "-c"]\nRUN Get-ChildItem Env: | Sort-Object Name'),
  yes('DL4006', 'FROM scratch AS b\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count', {
    deliberate: SH_PIPEFAIL,
  }),
  yes(
    'DL4006',
    'FROM scratch AS b\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count\nFROM scratch AS c\nRUN curl -fsS https://example.com | grep -c ok > /count',
  ),
  yes(
    'DL4006',
    'FROM scratch AS b\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count\nSHELL ["/bin/sh", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count',
  ),
  no('DL4006', 'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nSHELL [ "pwsh", "-c" ]\nRUN Get-ChildItem Env: | Sort-Object Name'),
  no('DL4006', 'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nSHELL [ "powershell.exe" ]\nRUN Get-ChildItem Env: | Sort-Object Name'),
  no('DL4006', 'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nSHELL [ "cmd.exe", "/c" ]\nRUN Get-ChildItem Env: | Sort-Object Name'),
];
