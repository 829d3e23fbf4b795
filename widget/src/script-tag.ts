/**
 * The script-tag entry, built to `ahakit.js`: tracking, milestones, the checklist,
 * hand-raise signals and upgrade prompts, within the 20 KB gzip budget.
 */
import { embed } from './embed';

embed();
