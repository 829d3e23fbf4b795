import { z } from 'zod';

/**
 * Browser origins the collector accepts requests from, as a browser writes them in its
 * `Origin` header: `scheme://host[:port]`, lower case, never a path and never the
 * scheme's default port. An entry is one origin, `*` (any), or a subdomain wildcard
 * `https://*.example.com` (any subdomain at any depth — `app.example.com`,
 * `eu.app.example.com` — but not `example.com` itself; list it too). An entry that no
 * browser origin could ever equal is refused with the reason, rather than silently
 * never matching.
 */
const ORIGIN = /^(https?):\/\/(\*\.)?([a-z0-9-]+(?:\.[a-z0-9-]+)*|\[[0-9a-f:.]+\])(?::(\d{1,5}))?$/;

/** Why an allowed-origin entry can never match a browser's `Origin`, or null when it can. */
export function originProblem(entry: string): string | null {
  if (entry === '*') return null;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(entry)?.[1];
  if (!scheme) return 'must be "*" or an origin like "https://app.example.com"';
  if (!/^https?$/i.test(scheme))
    return `"${scheme}:" pages are not allowed origins; use http or https`;
  const rest = entry.slice(scheme.length + 3);
  const slash = rest.search(/[/?#]/);
  if (slash !== -1) {
    return `an origin has no path, query or hash: write "${entry.slice(0, scheme.length + 3 + slash)}"`;
  }
  if (entry !== entry.toLowerCase()) {
    return `browsers send origins in lower case: write "${entry.toLowerCase()}"`;
  }
  const match = ORIGIN.exec(entry);
  if (!match) {
    return rest.includes('*')
      ? 'a wildcard must be the whole first label: "https://*.example.com"'
      : 'must be an origin like "https://app.example.com" or "http://localhost:3000"';
  }
  const [, protocol, wildcard, host, port] = match;
  const defaultPort = protocol === 'https' ? '443' : '80';
  if (port === defaultPort) {
    return `browsers never send the default port: write "${entry.slice(0, -(port.length + 1))}"`;
  }
  if (port !== undefined && Number(port) > 65_535) return `port ${port} does not exist`;
  if (wildcard) {
    if (host!.startsWith('[') || /^[\d.]+$/.test(host!)) {
      return 'an IP address has no subdomains: list the origin without "*."';
    }
    if (!host!.includes('.') && host !== 'localhost') {
      return `"*.${host}" would allow every site under a top-level domain: name your domain ("https://*.example.${host}")`;
    }
  }
  return null;
}

/** One entry of `collector.allowedOrigins` or `AHAKIT_ALLOWED_ORIGINS`. */
export const allowedOrigin = z
  .string()
  .superRefine((entry, ctx) => {
    const problem = originProblem(entry);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .describe(
    'A browser origin allowed to call the collector ("https://app.example.com", "http://localhost:3000"), a subdomain wildcard ("https://*.example.com"), or "*" for any.',
  );

/**
 * Compiles a list of valid entries into one test of a request's `Origin` header.
 *
 * @example
 * const allowed = originMatcher(['https://*.example.com']);
 * allowed('https://app.example.com'); // true
 * allowed('https://example.com'); // false
 */
export function originMatcher(entries: readonly string[]): (origin: string) => boolean {
  if (entries.includes('*')) return () => true;
  const exact = new Set<string>();
  const wildcards: { prefix: string; suffix: string }[] = [];
  for (const entry of entries) {
    const star = entry.indexOf('*.');
    if (star === -1) exact.add(entry);
    else {
      const [host, port] = splitPort(entry.slice(star + 1));
      wildcards.push({ prefix: entry.slice(0, star), suffix: `${host}${port}` });
    }
  }
  return (origin) => {
    if (exact.has(origin)) return true;
    for (const { prefix, suffix } of wildcards) {
      // `https://` + at least one label + `.example.com[:port]`, nothing else.
      if (
        origin.length > prefix.length + suffix.length &&
        origin.startsWith(prefix) &&
        origin.endsWith(suffix) &&
        /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/.test(origin.slice(prefix.length, -suffix.length))
      ) {
        return true;
      }
    }
    return false;
  };
}

function splitPort(hostAndPort: string): [string, string] {
  const colon = hostAndPort.lastIndexOf(':');
  return colon === -1 ? [hostAndPort, ''] : [hostAndPort.slice(0, colon), hostAndPort.slice(colon)];
}
