import { defineRule } from '../../src/engine/rule.js';
import type { DockerfileModel, DockerInstruction } from '../../src/model/dockerfile.js';
import { GIT_REF, URL } from '../_lib/copy.js';
import { artifactKind, downloadsOf, isVerification, lastSegment, mentions } from '../_lib/downloads.js';
import { chainInstructions, flagOf, finalChain } from '../_lib/dockerfile.js';
import { baseName, commandsOf } from '../_lib/shell.js';

export default defineRule({
  meta: {
    id: 'unverified-remote-download',
    title: 'Remote archive, program or model downloaded without verifying it',
    severity: 'warning',
    category: 'security',
    status: 'stable',
    since: '0.1.0',
    aliases: [],
    rationale:
      'A file fetched over the network at build time is whatever the server returns that day. Without a checksum or signature check, a compromised release page, a hijacked domain, a replaced "latest" file or a man in the middle puts its own archive, binary or model into the image, and the build stays green. Model weights are no safer than programs: `.pt`, `.pth`, `.ckpt` and `.pkl` files are Python pickles that run code when loaded. Package managers verify what they install; curl, wget and `ADD <url>` do not.',
    remediation:
      'Pin the file by its digest: `ADD --checksum=sha256:<digest> https://… /tmp/x.tar.gz` (Dockerfile syntax 1.6+), or verify it in the same RUN before using it: `curl -fsSLo /tmp/x.tar.gz https://…/v1.2.3/x.tar.gz && echo "<sha256>  /tmp/x.tar.gz" | sha256sum -c - && tar -xzf /tmp/x.tar.gz …`, or check the publisher\'s signature (`gpg --verify x.tar.gz.asc x.tar.gz`, `cosign verify-blob`). For Hugging Face models, download a pinned revision (a commit in the URL) and check the file\'s sha256, which the Hub shows for every LFS file.\n\n' +
      "Judged: the final stage and the stages it is built `FROM` (what ships; build stages are left out). Reported: every `ADD <url>` without `--checksum` (git sources are pinned by a ref instead and are left out), and curl/wget downloads of archives, packages, installers, executables and model weights: a URL or output file ending in `.tar.gz`, `.zip`, `.deb`, `.rpm`, `.whl`, `.jar`, `.bin`, `.run`, `.sh` (saved to a file; piped into a shell it is `remote-script-piped-to-shell`'s finding), `.safetensors`, `.pt`, `.gguf`, `.onnx`…, a Hugging Face `/resolve/` URL, a file saved into a `bin` directory or made executable with `chmod +x`, and a download piped into `tar`, `unzip` or `dpkg`. " +
      'A download counts as verified when its RUN also runs a checksum tool (`sha256sum`, `sha512sum`, `shasum`, `md5sum`, `b2sum`, `openssl dgst`…), `gpg --verify`, `gpgv`, `cosign verify*`, `minisign -V`, `rpm -K`, `slsa-verifier` or `gh attestation verify`, or when a later RUN runs one and names the file. k8slint does not check that the digest is right, only that a check is there; `curl … > file` redirections are judged by the URL only.',
    examples: [
      {
        lang: 'dockerfile',
        bad: 'FROM debian:12-slim\nRUN curl -fsSLo /tmp/helm.tar.gz https://get.helm.sh/helm-v3.15.2-linux-amd64.tar.gz \\\n && tar -xzf /tmp/helm.tar.gz -C /usr/local/bin --strip-components=1 linux-amd64/helm\n',
        good: 'FROM debian:12-slim\n# The digest published next to the release (helm-v3.15.2-linux-amd64.tar.gz.sha256sum)\nARG HELM_SHA256\nRUN curl -fsSLo /tmp/helm.tar.gz https://get.helm.sh/helm-v3.15.2-linux-amd64.tar.gz \\\n && echo "${HELM_SHA256}  /tmp/helm.tar.gz" | sha256sum -c - \\\n && tar -xzf /tmp/helm.tar.gz -C /usr/local/bin --strip-components=1 linux-amd64/helm\n',
      },
    ],
    references: [
      'https://docs.docker.com/reference/dockerfile/#verifying-a-remote-file-checksum-add---checksumchecksum-http-src-dest',
      'https://slsa.dev/spec/v1.0/threats',
      'https://huggingface.co/docs/hub/security-pickle',
    ],
  },
  handlers: {
    dockerfile: (model, ctx) => {
      const final = finalChain(model).at(-1);
      if (!final) return;
      const instructions = chainInstructions(final);
      instructions.forEach((instruction, index) => {
        // Built only for a download, once: a slice per instruction made long Dockerfiles quadratic.
        let later: DockerInstruction[] | undefined;
        const laterRuns = () => (later ??= instructions.slice(index + 1).filter((i) => i.keyword === 'RUN'));
        if (instruction.keyword === 'ADD') {
          if (flagOf(instruction, 'checksum')) return;
          for (const source of instruction.copyOperands?.sources ?? []) {
            if (!URL.test(source.value) || GIT_REF.test(source.value)) continue;
            const files = [lastSegment(source.value), instruction.copyOperands?.dest.value ?? ''];
            if (verifiedLater(model, laterRuns(), files)) continue;
            ctx.report({
              at: source,
              message: `ADD fetches "${source.value}" without --checksum, so the image gets whatever the server returns`,
            });
          }
          return;
        }
        if (instruction.keyword !== 'RUN') return;
        const commands = commandsOf(model, instruction);
        if (commands.some(isVerification)) return;
        for (const command of commands) {
          for (const download of downloadsOf(command)) {
            const kind = artifactKind(download, commands);
            if (!kind) continue;
            const files = [download.output ?? lastSegment(download.urlText)];
            if (verifiedLater(model, laterRuns(), files)) continue;
            ctx.report({
              at: download.url,
              message: `${baseName(command.name)} downloads the ${kind} "${download.urlText}" and nothing verifies it (sha256sum -c, gpg --verify…) before it is used`,
            });
          }
        }
      });
    },
  },
});

/** A later RUN that runs a verification and names one of the files. */
function verifiedLater(model: DockerfileModel, runs: readonly DockerInstruction[], files: readonly string[]): boolean {
  return runs.some((run) => {
    const commands = commandsOf(model, run);
    return commands.some(isVerification) && commands.some((c) => files.some((f) => mentions(c, f)));
  });
}
