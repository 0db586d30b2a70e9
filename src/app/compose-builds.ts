import { dirname, resolve } from 'node:path';
import { buildComposeModel } from '../model/compose-build.js';
import type { ComposeString } from '../model/compose.js';
import type { SourceFile } from '../types.js';

/**
 * Ties each Dockerfile of the run that a Compose service of the run builds to what that service
 * passes (`build.args` whose values are known without the shell's environment, and
 * `build.target`), so rules judge the image Compose builds. The first service that builds a file
 * wins; a Compose file that does not parse is left to the linting, which reports it.
 */
export function applyComposeBuilds(files: SourceFile[]): void {
  const dockerfiles = new Map(files.filter((f) => f.kind === 'dockerfile').map((f) => [resolve(f.path), f] as const));
  if (dockerfiles.size === 0) return;
  for (const file of files) {
    if (file.kind !== 'compose') continue;
    let services;
    try {
      services = buildComposeModel(file).services;
    } catch {
      continue;
    }
    for (const service of services) {
      const build = service.build;
      if (!build || build.inline) continue;
      const context = known(build.context) ?? '.';
      if (/^[a-z][\w+.-]*:\/\//i.test(context) || context.startsWith('git@')) continue;
      const path = resolve(dirname(resolve(file.path)), context, known(build.dockerfile) ?? 'Dockerfile');
      const dockerfile = dockerfiles.get(path);
      if (!dockerfile || dockerfile.composeBuild) continue;
      const args: Record<string, string> = {};
      for (const arg of build.args) {
        const value = arg.value && known(arg.value);
        if (value !== undefined) args[arg.name] = value;
      }
      const target = known(build.target);
      dockerfile.composeBuild = { service: service.name, args, ...(target !== undefined && { target }) };
    }
  }
}

/** The value Compose uses when no variable of the environment is set, if there is one. */
function known(value: ComposeString | undefined): string | undefined {
  return value?.interpolation.withDefaults;
}
