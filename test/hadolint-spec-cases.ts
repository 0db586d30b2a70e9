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
}

const yes = (dl: string, text: string, extra: Partial<SpecCase> = {}): SpecCase => ({ dl, hits: true, text, ...extra });
const no = (dl: string, text: string, extra: Partial<SpecCase> = {}): SpecCase => ({ dl, hits: false, text, ...extra });
const ob = { onbuild: true };

const PIP_FALSY = 'pip reads any value of PIP_NO_CACHE_DIR, 0/false/off/no included, as "no cache" (kept for compatibility, see pip\'s --no-cache-dir option handling), so no cache is left';
const WINDOWS_ESCAPE = 'with the default escape character, Docker removes the backslashes of these paths (C:\\Program Files\\App becomes C:Program FilesApp), so the names no longer match; Windows Dockerfiles set `# escape=`';
const LABEL_VARIABLE = 'Docker expands `$name` in a label key at build time, so k8slint does not judge keys holding a variable';
const SH_PIPEFAIL = 'a SHELL that sets `-o pipefail` has pipefail whatever the shell: a /bin/sh without the option fails the build at the first RUN instead of hiding a failure (busybox ash and recent dash support it)';

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

  // DL3010 archives copied, then extracted
  yes('DL3010', 'COPY bundle.tar /srv/app\nRUN tar -xf /srv/app/bundle.tar'),
  yes('DL3010', 'COPY bundle.tar /srv/app\nWORKDIR /srv/app\nRUN make prep && echo go && tar -xf bundle.tar'),
  yes('DL3010', 'COPY dist/out/bundle.tar /b.tar\nRUN tar -xf /b.tar'),
  yes('DL3010', 'COPY out\\dist\\pkg.tar.gz "C:\\Program Files\\App"\nRUN tar -xf "C:\\Program Files\\App\\pkg.tar.gz"', { deliberate: WINDOWS_ESCAPE }),
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
  no('DL3013', 'RUN pip install --index-url https://u:p@pypi.local/simple --extra-index-url https://u:p@mirror.local/simple tool==1.0.0', ob),

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

  // DL3040 dnf clean all
  yes('DL3040', 'RUN dnf install -y postgresql-15.4', ob),
  yes('DL3040', 'RUN microdnf install -y postgresql-15.4', ob),
  yes('DL3040', 'ONBUILD RUN dnf install -y postgresql-15.4 && microdnf clean all'),
  no('DL3040', 'RUN dnf install -y postgresql-15.4 && dnf clean all', ob),
  no('DL3040', 'RUN microdnf install -y postgresql-15.4 && microdnf clean all', ob),
  no('DL3040', 'RUN notdnf install postgresql', ob),
  no('DL3040', 'RUN dnf install -y postgresql-15.4 && rm -rf /var/cache/yum/*', ob),
  no('DL3040', 'RUN microdnf install -y postgresql-15.4 && rm -rf /var/cache/yum/*', ob),
  yes('DL3040', 'RUN microdnf clean all && dnf install -y postgresql-15.4'),

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
  yes('DL3045', 'FROM mcr.microsoft.com/windows/servercore AS one\nWORKDIR c:\\tools\nFROM mcr.microsoft.com/windows/servercore\nCOPY src dst', ob),
  no('DL3045', 'FROM debian:12 AS base\nWORKDIR /srv\nFROM debian:12 AS middle\nRUN make\nFROM base\nCOPY src dst', ob),
  no('DL3045', 'FROM mcr.microsoft.com/windows/servercore AS base\nWORKDIR c:\\tools\nFROM mcr.microsoft.com/windows/servercore AS middle\nRUN make\nFROM base\nCOPY src dst', ob),
  no('DL3045', 'FROM debian:12 AS one\nWORKDIR /srv\nFROM one AS two\nRUN make\nFROM two\nCOPY src dst', ob),
  no('DL3045', 'FROM mcr.microsoft.com/windows/servercore AS one\nWORKDIR c:\\tools\nFROM one AS two\nRUN make\nFROM two\nCOPY src dst', ob),
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
  // DL4006 pipefail
  yes('DL4006', 'FROM scratch\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM scratch AS b\nRUN curl -fsS https://example.com && grep -c ok f > /count'),
  no('DL4006', 'FROM scratch AS b\nSHELL ["/bin/bash", "-eo", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM scratch AS b\nSHELL ["/bin/bash", "-e", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM scratch AS b\nSHELL ["/bin/bash", "-o", "errexit", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM scratch AS b\nSHELL ["/bin/zsh", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM scratch AS b\nSHELL ["/usr/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM scratch AS b\nSHELL ["/usr/local/bin/zsh", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM scratch AS b\nSHELL ["pwsh", "-c"]\nRUN Get-ChildItem Env: | Sort-Object Name'),
  yes('DL4006', 'FROM scratch AS b\nSHELL ["/bin/sh", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count', { deliberate: SH_PIPEFAIL }),
  yes('DL4006', 'FROM scratch AS b\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count\nFROM scratch AS c\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  yes('DL4006', 'FROM scratch AS b\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count\nSHELL ["/bin/sh", "-c"]\nRUN curl -fsS https://example.com | grep -c ok > /count'),
  no('DL4006', 'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nSHELL [ "pwsh", "-c" ]\nRUN Get-ChildItem Env: | Sort-Object Name'),
  no('DL4006', 'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nSHELL [ "powershell.exe" ]\nRUN Get-ChildItem Env: | Sort-Object Name'),
  no('DL4006', 'FROM mcr.microsoft.com/powershell:lts-ubuntu-22.04\nSHELL [ "cmd.exe", "/c" ]\nRUN Get-ChildItem Env: | Sort-Object Name'),
];
