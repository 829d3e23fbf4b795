import type { NudgeHistory, UsageMarks } from '../../../core/engine';
import type { Store } from '../delivery/storage';
import type { Warn } from '../warn';

/** What one browser remembers of one user's nudges (IndexedDB, shared by the tabs). */
export interface Book {
  history: Record<string, NudgeHistory>;
  /** When nudges were shown, the last 24 hours' worth. */
  recent: number[];
  /** Usage thresholds already reported, so a reload does not report them again. */
  marks: UsageMarks;
}

const DAY = 86_400_000;
const SESSION_KEY = 'ahakit:nudges';

/** A nudge's history in the book, created on first use. */
export function entry(book: Book, id: string): NudgeHistory {
  const found = book.history[id];
  if (found) return found;
  const fresh = { shows: 0 };
  book.history[id] = fresh;
  return fresh;
}

/**
 * The users' nudge books: `update` runs a change on the current user's book and stores it,
 * one change at a time (a decision reads and writes the book in one go); `after` queues a
 * step behind them. `sessionShows` counts this tab session's shows in `sessionStorage`.
 * Where IndexedDB is unavailable (some private windows) the books live in memory, so
 * frequency and fatigue hold for the page at least.
 *
 * @example
 * const books = createBooks({ store, warn, who, win });
 * books.update((book, user) => { entry(book, 'limit_card').shows += 1; });
 */
export function createBooks({
  store,
  warn,
  who,
  win,
}: {
  store: Store;
  warn: Warn;
  /** The current user: the user id, or the anonymous id before `identify`. */
  who: () => string;
  win: Window | undefined;
}) {
  let chain: Promise<unknown> = Promise.resolve();
  const memory = new Map<string, Book>();
  return {
    update(change: (book: Book, user: string) => void) {
      const user = who();
      const key = `nudges:${user}`;
      chain = chain
        .then(() => store.get(key))
        .then((stored) => {
          const book = (stored as Book | undefined) ??
            memory.get(key) ?? { history: {}, recent: [], marks: {} };
          memory.set(key, book);
          change(book, user);
          book.recent = book.recent.filter((t) => t > Date.now() - DAY);
          return store.set(key, book);
        })
        .catch((error) => warn('a nudge failed', error));
    },
    after(step: () => Promise<unknown>) {
      chain = chain.then(step).catch((error) => warn('a nudge failed', error));
    },
    sessionShows(add = 0) {
      try {
        const storage = win!.sessionStorage;
        const shows = Number(storage.getItem(SESSION_KEY)) + add;
        if (add) storage.setItem(SESSION_KEY, String(shows));
        return shows;
      } catch {
        return 0;
      }
    },
  };
}
