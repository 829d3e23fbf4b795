import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
};

/** Text formats, worth compressing (the build writes `.br`/`.gz` copies of these). */
export const COMPRESSIBLE = new Set(['.html', '.js', '.mjs', '.css', '.json', '.map', '.svg']);

type Encoding = 'br' | 'gzip';

interface Variants {
  /** The file's size and modification time when read: a change is read afresh. */
  stamp: string;
  etag: string;
  identity: Buffer;
  br?: Buffer;
  gzip?: Buffer;
}

const cache = new Map<string, Variants>();

/** The encodings the client accepts (`q=0` refuses one), brotli first. */
export function acceptedEncodings(header: string | undefined): Encoding[] {
  const accepted = new Set<string>();
  for (const part of (header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = part.trim().split(';');
    const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (name && !(q && Number(q.slice(2)) === 0)) accepted.add(name);
  }
  return (['br', 'gzip'] as const).filter((e) => accepted.has(e) || accepted.has('*'));
}

/** A file's bytes, or null when it is not there. */
export function readOptional(file: string): Buffer | null {
  try {
    return readFileSync(file);
  } catch {
    return null;
  }
}

/** A strong ETag for `content`: its SHA-256, shortened. */
export const etagOf = (content: string | Buffer) =>
  `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;

/** A compressed copy the build wrote beside `file`, unless `file` changed since. */
function sibling(file: string, suffix: string, since: number): Buffer | null {
  try {
    return statSync(`${file}${suffix}`).mtimeMs >= since ? readFileSync(`${file}${suffix}`) : null;
  } catch {
    return null;
  }
}

/**
 * A file and its compressed forms: the build's `.br` and `.gz` siblings when they are
 * there and not older than the file (`scripts/compress-assets.ts`), else compressed once
 * here and kept in memory until the file changes. Null when the file is missing.
 */
function variants(file: string): Variants | null {
  let stat: ReturnType<typeof statSync>;
  try {
    stat = statSync(file);
  } catch {
    return null;
  }
  if (!stat.isFile()) return null;
  const stamp = `${stat.size}:${stat.mtimeMs}`;
  const known = cache.get(file);
  if (known?.stamp === stamp) return known;
  const identity = readFileSync(file);
  const entry: Variants = { stamp, etag: etagOf(identity), identity };
  if (COMPRESSIBLE.has(extname(file)) && identity.length > 256) {
    // A copy older than the file (rebuilt or replaced alone) would serve stale content.
    entry.br =
      sibling(file, '.br', stat.mtimeMs) ??
      brotliCompressSync(identity, { params: { [constants.BROTLI_PARAM_QUALITY]: 9 } });
    entry.gzip = sibling(file, '.gz', stat.mtimeMs) ?? gzipSync(identity, { level: 9 });
  }
  cache.set(file, entry);
  return entry;
}

/** The ETag `served` matches one of `ifNoneMatch`'s (weak or strong). */
export const etagMatches = (ifNoneMatch: string | undefined, etag: string) =>
  !!ifNoneMatch?.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });

/**
 * Answers a GET for a static file: the smallest encoding the client accepts
 * (`Content-Encoding`, `Vary: Accept-Encoding`), an ETag and 304 on revalidation, and
 * `headers` (caching, CORS) as given. Null when the file is missing.
 *
 * @example
 * return serveFile(join(dir, 'ahakit.js'), c.req.raw, { 'Cache-Control': 'max-age=300' });
 */
export function serveFile(
  file: string,
  request: Request,
  headers: Record<string, string> = {},
): Response | null {
  const found = variants(file);
  if (!found) return null;
  const encoding = acceptedEncodings(request.headers.get('accept-encoding') ?? undefined).find(
    (e) => found[e],
  );
  // Each encoding is its own representation, with its own ETag (RFC 9110, 8.8.3).
  const etag = encoding ? `${found.etag.slice(0, -1)}-${encoding}"` : found.etag;
  const common: Record<string, string> = {
    'Content-Type': CONTENT_TYPES[extname(file)] ?? 'application/octet-stream',
    ETag: etag,
    Vary: 'Accept-Encoding',
    ...headers,
  };
  if (etagMatches(request.headers.get('if-none-match') ?? undefined, etag)) {
    return new Response(null, { status: 304, headers: common });
  }
  const body = encoding ? found[encoding]! : found.identity;
  return new Response(new Uint8Array(body), {
    headers: { ...common, ...(encoding && { 'Content-Encoding': encoding }) },
  });
}
