import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const E2E_WRITE_KEY = 'pk_e2e_write';
export const E2E_ADMIN_KEY = 'sk_e2e_admin_key';

export interface CollectorProcess {
  url: string;
  port: number;
  dataDir: string;
  output: () => string;
  /** Stops with SIGTERM and waits for the exit. */
  stop(): Promise<void>;
  /** Kills with SIGKILL, as a crash would, and waits for the exit. */
  kill(): Promise<void>;
  admin(path: string): Promise<Response>;
}

export interface StartOptions {
  port?: number;
  dataDir?: string;
  configPath?: string;
  env?: Record<string, string>;
  /** Options after `serve`, like `--demo-receiver`. */
  args?: string[];
}

const ROOT = resolve(import.meta.dirname, '../..');
const started: CollectorProcess[] = [];

/** Starts a real collector process (`ahakit serve`) on its own port and data folder. */
export async function startCollectorProcess(options: StartOptions = {}): Promise<CollectorProcess> {
  const dataDir = options.dataDir ?? mkdtempSync(join(tmpdir(), 'ahakit-e2e-'));
  const child = spawn(
    process.execPath,
    [join(ROOT, 'bin/ahakit.js'), 'serve', ...(options.args ?? [])],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: 'test',
        HOST: '127.0.0.1',
        PORT: String(options.port ?? 0),
        AHAKIT_DATA_DIR: dataDir,
        AHAKIT_WRITE_KEY: E2E_WRITE_KEY,
        AHAKIT_ADMIN_KEY: E2E_ADMIN_KEY,
        ...(options.configPath ? { AHAKIT_CONFIG: options.configPath } : {}),
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  child.stderr!.on('data', (c: Buffer) => {
    out += c.toString();
  });
  const url = await new Promise<string>((resolveUrl, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`collector did not start in 30 s:\n${out}`)),
      30_000,
    );
    const onData = () => {
      const match = out.match(/listening on (http:\/\/[\w.:-]+)/);
      if (match?.[1]) {
        clearTimeout(timer);
        resolveUrl(match[1]);
      }
    };
    child.stdout!.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`collector exited with ${code} before listening:\n${out}`));
    });
  });
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const proc: CollectorProcess = {
    url,
    port: Number(new URL(url).port),
    dataDir,
    output: () => out,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
    kill: async () => {
      if (child.exitCode === null) child.kill('SIGKILL');
      await exited;
    },
    admin: (path) =>
      fetch(`${url}${path}`, { headers: { Authorization: `Bearer ${E2E_ADMIN_KEY}` } }),
  };
  started.push(proc);
  return proc;
}

/** Stops every collector this file started and removes their data folders. */
export async function stopAllCollectors(): Promise<void> {
  for (const p of started.splice(0)) {
    await p.kill();
    rmSync(p.dataDir, { recursive: true, force: true });
  }
}

/** Runs the CLI to completion and returns its exit code and output. */
export function runCli(args: string[], env: Record<string, string> = {}) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((done) => {
    const child: ChildProcess = spawn(process.execPath, [join(ROOT, 'bin/ahakit.js'), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (c: Buffer) => {
      stdout += c.toString();
    });
    child.stderr!.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    child.once('exit', (code) => done({ code, stdout, stderr }));
  });
}

/** A port that was free a moment ago, for a collector that must come back on the same one. */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error;
    }
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(
    `condition not met in ${timeoutMs} ms${lastError ? `: ${String(lastError)}` : ''}`,
  );
}
