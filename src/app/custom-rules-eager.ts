// Imported for its effect by the entry points that may start slowly (the library, the action): custom
// rules work in their synchronous runs without the command line's ahead-of-time load.
import { loadCustomRules } from '../policy/custom/index.js';
import { setCustomRuleLoader } from './custom-rules.js';

setCustomRuleLoader(loadCustomRules);
