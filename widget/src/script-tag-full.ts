/**
 * The full script-tag entry, built to `ahakit.full.js`: `ahakit.js` plus hand-raise
 * signals and nudges (upgrade prompts), for pages that use them.
 */
import { embed } from './embed';
import { startNudges } from './nudges/controller';

embed({ nudges: startNudges });
