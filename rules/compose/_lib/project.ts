import type { ComposeModel, ComposeService, ComposeString } from '../../../src/model/compose.js';

/** The directory of a file's path (forward slashes; `.` for a bare name). */
function directoryOf(model: ComposeModel): string {
  const path = model.file.source.path.replace(/\\/g, '/');
  const at = path.lastIndexOf('/');
  return at === -1 ? '.' : path.slice(0, at);
}

/**
 * The Compose files of the run grouped by directory: the files of one directory are usually one
 * project (`docker-compose.yml` with `docker-compose.override.yml` or `docker-compose.gpu.yml`
 * given with `-f`), so a name one of them defines may be used by another.
 */
export function projects(models: readonly ComposeModel[]): ComposeModel[][] {
  const byDir = new Map<string, ComposeModel[]>();
  for (const model of models) {
    const dir = directoryOf(model);
    byDir.set(dir, [...(byDir.get(dir) ?? []), model]);
  }
  return [...byDir.values()];
}

/** Two services never run together: both have profiles and no profile in common. */
export function exclusiveProfiles(a: ComposeService, b: ComposeService): boolean {
  return a.profiles.length > 0 && b.profiles.length > 0 && !a.profiles.some((p) => b.profiles.includes(p));
}

/** A literal integer (no variable), or undefined. */
export function literalInteger(value: ComposeString | undefined): number | undefined {
  if (!value || !value.interpolation.literal) return undefined;
  const text = value.text.trim();
  return /^\d+$/.test(text) ? Number(text) : undefined;
}

/** A literal value's text, or undefined when it holds a variable. */
export function literalText(value: ComposeString | undefined): string | undefined {
  return value?.interpolation.literal ? value.interpolation.withDefaults : undefined;
}

/** Every service of a project by name (a name may be defined in several files: an override adds to it). */
export function servicesByName(project: readonly ComposeModel[]): Map<string, ComposeService[]> {
  const out = new Map<string, ComposeService[]>();
  for (const model of project) for (const service of model.services) out.set(service.name, [...(out.get(service.name) ?? []), service]);
  return out;
}

/**
 * The project's names are not all in the files of the run: a file `include:`s others, or extends
 * services from another file (its services may then depend on names defined there).
 */
export function definesElsewhere(project: readonly ComposeModel[]): boolean {
  return project.some((model) => model.include.length > 0 || model.services.some((s) => s.extends?.file !== undefined));
}
