import { IDBFactory } from 'fake-indexeddb';
import { vi } from 'vitest';
import type { Ahakit, AhakitOptions } from '../../widget/src/api';
import { createAhakit } from '../../widget/src/client';
import type { KeyValueStorage, Platform } from '../../widget/src/platform';

export const ENDPOINT = 'https://collector.test';

/** A batch envelope as the collector receives it. */
export interface SentBatch {
  batch: Array<Record<string, unknown> & { messageId: string; type: string }>;
  sentAt: string;
  writeKey: string;
  context?: { ahakit?: { dropped?: number } };
}

export interface SentRequest {
  url: string;
  init: RequestInit;
  /** Fake-clock time the request was made. */
  at: number;
}

type Answer = Response | Error | 'hang' | (() => Response);

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  });

export const accepted = (count = 1) => json(200, { accepted: count, duplicates: 0 });

/**
 * A fake collector behind a fake `fetch`. Batch requests get the scripted answers in order
 * (then 200); config requests get `configAnswers` in order (then 404).
 */
export function fakeCollector() {
  const requests: SentRequest[] = [];
  const batchAnswers: Answer[] = [];
  const configAnswers: Answer[] = [];
  const fetch = vi.fn(async (url: string, init: RequestInit): Promise<Response> => {
    requests.push({ url, init, at: Date.now() });
    const isConfig = url.includes('/v1/config');
    const answer = (isConfig ? configAnswers : batchAnswers).shift();
    if (answer === undefined)
      return isConfig ? json(404, { error: { code: 'not_found' } }) : accepted();
    if (answer === 'hang') return new Promise<Response>(() => {});
    if (answer instanceof Error) throw answer;
    return typeof answer === 'function' ? answer() : answer;
  });
  const batchRequests = () => requests.filter((request) => request.url.endsWith('/v1/batch'));
  return {
    fetch,
    requests,
    batchRequests,
    /** The parsed bodies of every batch request, in order. */
    batches: (): SentBatch[] =>
      batchRequests().map((request) => JSON.parse(String(request.init.body)) as SentBatch),
    /** Every message sent, in order, retries included. */
    messages: () =>
      batchRequests().flatMap(
        (request) => (JSON.parse(String(request.init.body)) as SentBatch).batch,
      ),
    answerBatches: (...answers: Answer[]) => batchAnswers.push(...answers),
    answerConfig: (...answers: Answer[]) => configAnswers.push(...answers),
  };
}
export type FakeCollector = ReturnType<typeof fakeCollector>;

/** A `localStorage` stand-in that two instances can share, like two page loads. */
export function memoryStorage(): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => {
      data.set(key, String(value));
    },
    removeItem: (key) => {
      data.delete(key);
    },
  };
}

/**
 * Fake `setTimeout` and `Date` only: fake-indexeddb completes its work with the real
 * `setImmediate`, which must keep running.
 */
export function useFakeClock() {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  vi.setSystemTime(new Date('2025-01-01T00:00:00.000Z'));
}

/** Lets fake time pass, then lets promises and IndexedDB callbacks run. */
export async function tick(ms = 0) {
  await vi.advanceTimersByTimeAsync(ms);
  await settle();
}

/** Lets pending promises and a few rounds of real IndexedDB work complete. */
export async function settle() {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

let keys = 0;
/** A write key no other test uses, so stored state never leaks between tests. */
export const uniqueKey = () => `pk_test_${++keys}_${Math.random().toString(36).slice(2, 8)}`;

export interface Harness {
  ahakit: Ahakit;
  collector: FakeCollector;
  warn: ReturnType<typeof vi.fn<(message: string) => void>>;
  indexedDB: IDBFactory;
  localStorage: ReturnType<typeof memoryStorage>;
  writeKey: string;
  /** Warnings so far, without the `[ahakit] ` prefix. */
  warnings: () => string[];
}

/**
 * An instance wired to fakes: a fake collector, its own IndexedDB and localStorage, no
 * automatic page views or config fetch unless asked, and jitter fixed at one half.
 */
export function start(
  options: Partial<AhakitOptions> & {
    collector?: FakeCollector;
    indexedDB?: IDBFactory;
    localStorage?: ReturnType<typeof memoryStorage>;
  } = {},
): Harness {
  const {
    collector = fakeCollector(),
    indexedDB = new IDBFactory(),
    localStorage = memoryStorage(),
    platform,
    ...rest
  } = options;
  const warn = vi.fn<(message: string) => void>();
  const writeKey = rest.writeKey ?? uniqueKey();
  const ahakit = createAhakit({
    endpoint: ENDPOINT,
    trackPages: false,
    loadConfig: false,
    ...rest,
    writeKey,
    platform: {
      fetch: collector.fetch,
      sendBeacon: undefined,
      indexedDB,
      localStorage,
      random: () => 0.5,
      warn,
      ...platform,
    } satisfies Partial<Platform>,
  });
  return {
    ahakit,
    collector,
    warn,
    indexedDB,
    localStorage,
    writeKey,
    warnings: () => warn.mock.calls.map(([message]) => message.replace(/^\[ahakit\] /, '')),
  };
}
