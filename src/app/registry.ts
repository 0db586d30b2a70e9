import { allRules } from '../../rules/index.js';
import { RuleRegistry } from '../engine/registry.js';

/** Every rule k8slint ships, by id and alias. */
export const registry = new RuleRegistry(allRules);
