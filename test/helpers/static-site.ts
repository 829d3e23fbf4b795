import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';

/**
 * A tiny site on another origin than the collector, serving fixed pages by path, and
 * `scripts` (path → file on disk, like a library's browser bundle in node_modules).
 */
export async function startStaticSite(
  pages: Record<string, string>,
  scripts: Record<string, string> = {},
): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    const script = scripts[path];
    if (script !== undefined) {
      res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(readFileSync(script));
      return;
    }
    const page = pages[path] ?? pages['/'];
    if (page === undefined) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(page);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}
