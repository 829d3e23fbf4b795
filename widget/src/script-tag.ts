/**
 * The script-tag entry, built to `ahakit.js`: tracking, milestones and the checklist,
 * within the 20 KB gzip budget. `script-tag-full.ts` adds hand-raise signals and nudges.
 */
import { embed } from './embed';

embed();
