#!/usr/bin/env node
// Runs the built k8slint (dist/, `npm run build` first) over KICS's labelled Dockerfile samples
// (../shared/corpus/kics/dockerfile/<query>/test/{positive*,negative*}.dockerfile and
// positive_expected_result.json) and prints, per KICS query mapped below: positives hit/expected
// and whether the negatives stay silent.
//
// TABLE FORMAT — one entry per KICS query folder name, mapped to the k8slint rule ids that cover
// it (a finding of any of them on the expected line counts as a hit). Add your rows in your own
// block; keep one query per line:
//     query_folder_name: ['rule-id', 'other-rule-id'],
//
// Usage: node scripts/kics-check.mjs [--verbose] [query…]
// Exit code: 0 always when the corpus is absent (skips with a message); otherwise 1 when a mapped
// query misses an expected line or a negative fires, unless the query is listed in KNOWN_DIFFERENCES.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..');
const corpus = process.env.KICS_DOCKERFILE_DIR ?? join(root, '..', 'shared', 'corpus', 'kics', 'dockerfile');

export const TABLE = {
  // --- hadolint DL rules (package managers, shell, COPY/ADD, labels…) ---
  apk_add_using_local_cache_path: ['apk-add-no-cache'],
  apt_get_install_lists_were_not_deleted: ['apt-lists-not-deleted'],
  apt_get_install_pin_version_not_defined: ['apt-get-unpinned-package'],
  apt_get_missing_flags_to_avoid_manual_input: ['apt-get-install-yes'],
  apt_get_not_avoiding_additional_packages: ['apt-get-install-recommends'],
  changing_default_shell_using_run_command: ['shell-changed-with-ln'],
  copy_from_references_current_from_alias: ['copy-from-own-stage'],
  copy_with_more_than_two_arguments_not_ending_with_slash: ['copy-multiple-sources-dest-not-dir'],
  gem_install_without_version: ['gem-unpinned-package'],
  maintainer_instruction_being_used: ['maintainer-deprecated'],
  missing_dnf_clean_all: ['dnf-cache-not-cleaned'],
  missing_flag_from_dnf_install: ['dnf-install-yes'],
  missing_version_specification_in_dnf_install: ['dnf-unpinned-package'],
  missing_zypper_clean: ['zypper-cache-not-cleaned'],
  missing_zypper_non_interactive_switch: ['zypper-install-non-interactive'],
  npm_install_without_pinned_version: ['npm-unpinned-package'],
  pip_install_keeping_cached_packages: ['pip-install-cache'],
  run_command_cd_instead_of_workdir: ['cd-instead-of-workdir'],
  run_using_apt: ['apt-in-dockerfile'],
  run_using_sudo: ['sudo-in-run'],
  run_using_wget_and_curl: ['wget-and-curl'],
  run_utilities_and_posix_commands: ['pointless-command'],
  shell_running_a_pipe_without_pipefail_flag: ['pipe-without-pipefail'],
  unix_ports_out_of_range: ['invalid-port'],
  unpinned_package_version_in_apk_add: ['apk-unpinned-package'],
  unpinned_package_version_in_pip_install: ['pip-unpinned-package'],
  yum_clean_all_missing: ['yum-cache-not-cleaned'],
  yum_install_allows_manual_input: ['yum-install-yes'],
  yum_install_without_version: ['yum-unpinned-package'],
  zypper_install_without_version: ['zypper-unpinned-package'],
  add_instead_of_copy: ['add-instead-of-copy'],
  image_version_not_explicit: ['unpinned-image'],
  image_version_using_latest: ['unpinned-image'],

  // --- Docker build checks, Trivy/Checkov security checks (second engineer) ---
  exposing_port_22: ['ssh-port-exposed'],
  last_user_is_root: ['image-runs-as-root'],
  missing_user_instruction: ['missing-user'],
  multiple_cmd_instructions_listed: ['multiple-instructions-disallowed'],
  multiple_entrypoint_instructions_listed: ['multiple-instructions-disallowed'],
  not_using_json_in_cmd_and_entrypoint_arguments: ['json-args-recommended'],
  same_alias_in_different_froms: ['duplicate-stage-name'],
  update_instruction_alone: ['package-index-update-alone'],
  using_platform_with_from: ['from-platform-flag-const'],
  workdir_path_not_absolute: ['workdir-relative-path'],
};

/** Queries where k8slint deliberately differs from KICS; each entry says why (also in the rule's docs). */
export const KNOWN_DIFFERENCES = {
  // --- hadolint DL rules ---
  apt_get_install_lists_were_not_deleted:
    'k8slint follows hadolint (DL3009): it reports `apt-get update` (what downloads the lists), and only in stages that end up in the image; KICS reports every `apt-get install` in every stage',
  apt_get_install_pin_version_not_defined:
    '`apt-get install -y -t python`: `-t` takes the target release, so "python" is a release, not a package',
  changing_default_shell_using_run_command:
    '`RUN powershell -command` runs PowerShell once and changes no shell; only `ln … /bin/sh` is reported',
  missing_zypper_non_interactive_switch:
    'a confirmation prompt breaks the build in any stage, so build stages are checked too; KICS judges the final stage only',
  npm_install_without_pinned_version: 'k8slint follows hadolint (DL3016): a git URL without `#<ref>` is not pinned',
  pip_install_keeping_cached_packages:
    'a pip cache in a builder stage never reaches the image: only the final stage and the stages it is built FROM are checked',
  run_command_cd_instead_of_workdir: 'k8slint follows hadolint (DL3003): a RUN that is only `cd` is reported too',
  shell_running_a_pipe_without_pipefail_flag:
    'an exec-form RUN has no shell, so "|" is an argument, not a pipe; `pwsh` run from /bin/sh in a pipeline still runs in an sh pipeline',
  yum_clean_all_missing:
    'the samples continue lines into one command (`yum install \\ yum clean all` installs packages "yum", "clean", "all"); k8slint parses commands, KICS matches text',
  yum_install_allows_manual_input: '`RUN ["sudo yum", "install", …]` names a program "sudo yum" that does not exist',
  add_instead_of_copy: '`ADD ${JAR_FILE} app.jar`: a source from a build argument without a default is not judged',

  not_using_json_in_cmd_and_entrypoint_arguments:
    'k8slint follows Docker (JSONArgsRecommended) and checks every stage, since `--target` can make a build stage the image; KICS judges the final stage only',
  multiple_cmd_instructions_listed:
    'k8slint follows Docker (MultipleInstructionsDisallowed): a second CMD is dead code in any stage, build stages included; KICS judges the final stage only',
  multiple_entrypoint_instructions_listed:
    'k8slint follows Docker (MultipleInstructionsDisallowed): a second ENTRYPOINT is dead code in any stage, build stages included; KICS judges the final stage only',
  same_alias_in_different_froms: 'k8slint reports the later, duplicate stage name (the one to rename); KICS reports the first',
  update_instruction_alone:
    'k8slint reports the update RUN (the one to merge) when a later RUN installs with the same manager; KICS reports the install. yum/dnf update (which upgrade packages and re-check metadata age on install) and pacman are not judged',
  workdir_path_not_absolute:
    'k8slint follows Docker (WorkdirRelativePath): only the first WORKDIR of a stage is judged; a relative WORKDIR after another WORKDIR is well defined',
};

function expectedLines(testDir) {
  const file = join(testDir, 'positive_expected_result.json');
  if (!existsSync(file)) return new Map();
  const positives = readdirSync(testDir).filter((f) => /^positive\d*\.dockerfile$/.test(f));
  const byFile = new Map();
  for (const entry of JSON.parse(readFileSync(file, 'utf8'))) {
    const name = entry.fileName ?? entry.filename ?? (positives.length === 1 ? positives[0] : 'positive.dockerfile');
    if (!byFile.has(name)) byFile.set(name, new Set());
    byFile.get(name).add(entry.line);
  }
  return byFile;
}

async function main() {
  if (!existsSync(corpus)) {
    console.log(`kics-check: ${corpus} is absent; skipping.`);
    return 0;
  }
  const dist = join(root, 'dist', 'src', 'index.js');
  if (!existsSync(dist)) {
    console.log('kics-check: dist/ is missing; run `npm run build` first.');
    return 2;
  }
  const { lintTexts, registry } = await import(dist);
  const { buildDockerfileModel } = await import(join(root, 'dist', 'src', 'parsers', 'dockerfile.js'));
  const args = process.argv.slice(2);
  const verbose = args.includes('--verbose');
  const only = args.filter((a) => !a.startsWith('--'));
  let failed = 0;
  const rows = [];
  for (const [query, ruleIds] of Object.entries(TABLE)) {
    if (only.length > 0 && !only.includes(query)) continue;
    const testDir = join(corpus, query, 'test');
    if (!existsSync(testDir)) {
      rows.push([query, ruleIds.join(','), 'query absent', '']);
      continue;
    }
    const known = ruleIds.filter((id) => registry.resolve(id));
    if (known.length === 0) {
      rows.push([query, ruleIds.join(','), 'rule not registered', '']);
      continue;
    }
    const expected = expectedLines(testDir);
    let hit = 0;
    let total = 0;
    let extra = 0;
    const notes = [];
    const lint = (file) => {
      const text = readFileSync(join(testDir, file), 'utf8');
      const result = lintTexts([{ path: file, text, kind: 'dockerfile' }], { rules: known });
      return result.findings.filter((f) => known.includes(f.ruleId));
    };
    // KICS reports the line an instruction starts on; k8slint the offending word, which may sit
    // on a continuation line. A finding counts for the line its instruction starts on.
    const instructionLine = (file, line) => {
      const text = readFileSync(join(testDir, file), 'utf8');
      const model = buildDockerfileModel({ path: file, displayPath: file, kind: 'dockerfile', text, explicit: true });
      const inst = model.instructions.find((i) => !i.onbuild && i.span.line <= line && line <= i.span.endLine);
      return inst ? inst.span.line : line;
    };
    for (const [file, lines] of expected) {
      if (!existsSync(join(testDir, file))) continue;
      const found = new Set(lint(file).map((f) => instructionLine(file, f.span.line)));
      for (const line of lines) {
        total++;
        if (found.has(line)) hit++;
        else notes.push(`miss ${file}:${line}`);
      }
      for (const line of found)
        if (!lines.has(line)) {
          extra++;
          notes.push(`extra ${file}:${line}`);
        }
    }
    const negatives = readdirSync(testDir)
      .filter((f) => /^negative\d*\.dockerfile$/.test(f))
      .sort();
    let noisy = 0;
    for (const file of negatives) {
      const findings = lint(file);
      if (findings.length > 0) {
        noisy++;
        notes.push(...findings.map((f) => `fires on ${file}:${f.span.line} ${f.ruleId}: ${f.message}`));
      }
    }
    const ok = hit === total && noisy === 0;
    if (!ok && !KNOWN_DIFFERENCES[query]) failed++;
    rows.push([
      query,
      known.join(','),
      `positives ${hit}/${total}${extra ? ` (+${extra} other lines)` : ''}`,
      `negatives ${negatives.length - noisy}/${negatives.length} silent`,
      ok ? 'ok' : KNOWN_DIFFERENCES[query] ? `known: ${KNOWN_DIFFERENCES[query]}` : 'DIFF',
    ]);
    if (verbose || (!ok && !KNOWN_DIFFERENCES[query])) for (const n of notes) rows.push(['', '', `  ${n}`]);
  }
  for (const row of rows) console.log(row.join('  '));
  console.log(failed === 0 ? 'kics-check: every mapped query agrees (or differs deliberately)' : `kics-check: ${failed} queries differ`);
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
