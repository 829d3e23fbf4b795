/**
 * The surfaces the core can show, each a chunk of its own that is fetched only when the
 * decisions say it will be shown (and kept for the page once loaded).
 */
export const loadChecklist = () => import('./checklist/mount');
export const loadNudges = () => import('./nudges/mount');
