import { expandLocation } from '../schema/location.js';
import { locationProblem } from '../schema/setup.js';

/** Why a `--schema-location` value cannot work at all (a folder that does not exist, an unsupported scheme), or undefined. */
export function schemaLocationProblem(location: string, cwd: string): string | undefined {
  const template = expandLocation(location);
  return locationProblem(template, cwd)?.replace(`schema location ${template}: `, '');
}
