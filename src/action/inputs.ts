/**
 * Action inputs as the runner passes them: `INPUT_<NAME>` with the name upper-cased, spaces turned
 * into underscores and dashes kept (`fail-on` → `INPUT_FAIL-ON`).
 */
export function getInput(name: string, env: NodeJS.ProcessEnv = process.env): string {
  return (env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] ?? '').trim();
}

export function getBooleanInput(name: string, fallback: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  const value = getInput(name, env);
  if (value === '') return fallback;
  if (['true', 'True', 'TRUE'].includes(value)) return true;
  if (['false', 'False', 'FALSE'].includes(value)) return false;
  throw new ActionInputError([`input "${name}" must be true or false, not "${value}"`]);
}

/** One path per line when the value has several lines (so a path may hold spaces), else separated by whitespace. */
export function getListInput(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  const value = getInput(name, env);
  return (value.includes('\n') ? value.split(/\r?\n/) : value.split(/\s+/)).map((p) => p.trim()).filter((p) => p !== '');
}

/** Rule ids or aliases separated by commas, spaces or newlines (`DL3008, privileged-container`). */
export function getRuleListInput(name: string, env: NodeJS.ProcessEnv = process.env): string[] {
  return getInput(name, env)
    .split(/[\s,]+/)
    .filter((id) => id !== '');
}

/** One or more invalid inputs, each problem a sentence naming its input. */
export class ActionInputError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('; '));
  }
}
