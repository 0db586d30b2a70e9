import type { ComposeModel } from '../../../src/model/compose.js';

/** Names of one-off helpers: `mongodb-init`, `init-kafka`, `ollama-pull-llama`, `db-migrate`, `seed`. */
export const ONE_OFF_NAME =
  /(^|[-_.])(init|setup|migrate|migration|migrations|seed|seeder|pull|bootstrap|provision|createbuckets|create-buckets)([-_.]|$)/i;

/** Services another service of the project waits for with `condition: service_completed_successfully` (they run once and exit). */
export function completedDependencies(project: readonly ComposeModel[]): Set<string> {
  const oneOff = new Set<string>();
  for (const model of project)
    for (const service of model.services)
      for (const dependency of service.dependsOn)
        if (dependency.condition === 'service_completed_successfully') oneOff.add(dependency.service);
  return oneOff;
}
