/** The admin API's one error shape, with the HTTP status; status 0 when the collector was unreachable. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface AdminApi {
  /** GETs a JSON resource under `/v1/admin`, e.g. `get('/pqls?definition=upsell')`. */
  get<T>(path: string): Promise<T>;
  /** GETs a file (the CSV export): its body and the name the collector suggests. */
  file(path: string): Promise<{ blob: Blob; name: string | null }>;
}

/**
 * The admin API with the key in `Authorization: Bearer …`. Every failure becomes an
 * `ApiError` (never a raw TypeError or a JSON parse error), so views have one thing to show.
 *
 * @example
 * const api = adminApi(fetch, 'sk_demo_admin');
 * const { pqls } = await api.get<PqlList>('/pqls?definition=upsell');
 */
export function adminApi(fetcher: typeof fetch, key: string, base = '/v1/admin'): AdminApi {
  const send = async (path: string, accept: string): Promise<Response> => {
    let res: Response;
    try {
      res = await fetcher(`${base}${path}`, {
        headers: { Authorization: `Bearer ${key}`, Accept: accept },
        cache: 'no-store',
      });
    } catch {
      throw new ApiError(0, 'unreachable', 'The collector could not be reached. Is it running?');
    }
    if (!res.ok) throw await errorOf(res);
    return res;
  };
  return {
    async get<T>(path: string): Promise<T> {
      const res = await send(path, 'application/json');
      try {
        return (await res.json()) as T;
      } catch {
        throw new ApiError(
          res.status,
          'invalid_response',
          'The collector sent an unreadable answer.',
        );
      }
    },
    async file(path: string) {
      const res = await send(path, 'text/csv');
      const disposition = res.headers.get('content-disposition') ?? '';
      const name = disposition.match(/filename="?([^";]+)"?/)?.[1] ?? null;
      return { blob: await res.blob(), name };
    },
  };
}

async function errorOf(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = `The collector answered ${res.status} ${res.statusText}`.trim();
  try {
    const body = (await res.json()) as { error?: { code?: unknown; message?: unknown } };
    if (typeof body.error?.code === 'string') code = body.error.code;
    if (typeof body.error?.message === 'string') message = body.error.message;
  } catch {
    // Not the collector's JSON error (a proxy's HTML page, say): keep the status line.
  }
  return new ApiError(res.status, code, message);
}
