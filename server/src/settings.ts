import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { originProblem } from '../../core/config/origins';
import { formatPath } from '../../core/config/validate';

/** The package's root folder, so defaults work from any working directory. */
export const PACKAGE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export const DEMO_WRITE_KEY = 'pk_demo';
export const DEMO_ADMIN_KEY = 'sk_demo_admin';
/** Where `serve --demo-receiver` (what `npm start` runs) listens for the demo webhook. */
export const DEMO_RECEIVER_PORT = 4319;

const key = (name: string, min: number) =>
  z
    .string()
    .min(min, `${name} must be at least ${min} characters`)
    .regex(/^[A-Za-z0-9_.-]+$/, `${name} may hold only letters, digits, "_", "." and "-"`);

const envSchema = z.object({
  PORT: z.coerce
    .number({ error: 'must be a port number (0 picks a free one)' })
    .int()
    .min(0)
    .max(65_535)
    .default(8787),
  HOST: z.string().min(1).default('localhost'),
  AHAKIT_CONFIG: z.string().min(1).default('demo/ahakit.config.json'),
  AHAKIT_DATA_DIR: z.string().min(1).default('data'),
  AHAKIT_WRITE_KEY: key('AHAKIT_WRITE_KEY', 6).default(DEMO_WRITE_KEY),
  // The admin key reads every user's data: long enough not to be guessed.
  AHAKIT_ADMIN_KEY: key('AHAKIT_ADMIN_KEY', 12).default(DEMO_ADMIN_KEY),
  AHAKIT_DEMO_RECEIVER_PORT: z.coerce
    .number({ error: 'must be a port number' })
    .int()
    .min(1)
    .max(65_535)
    .default(DEMO_RECEIVER_PORT),
  // Comma-separated, added to the config's collector.allowedOrigins; each entry is checked
  // with the config's rules (crossChecks lists every bad one).
  AHAKIT_ALLOWED_ORIGINS: z
    .string()
    .default('')
    .transform((list) =>
      list
        .split(',')
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  AHAKIT_IDENTITY_SECRET: z
    .string()
    .min(16, 'must be at least 16 characters (it signs user ids: keep it long and secret)')
    .optional(),
  AHAKIT_RATE_LIMIT_PER_IP: count('events per second (0 turns the limit off)').default(1_000),
  AHAKIT_RATE_LIMIT_PER_KEY: count('events per second (0 turns the limit off)').default(20_000),
  AHAKIT_TRUST_PROXY: z
    .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
    .default('false'),
  AHAKIT_MAX_CONNECTIONS: count('a number of connections').min(1).default(900),
  AHAKIT_HEADERS_TIMEOUT_MS: count('milliseconds').min(100).default(10_000),
  AHAKIT_REQUEST_TIMEOUT_MS: count('milliseconds').min(100).default(30_000),
  NODE_ENV: z.string().default('development'),
});

function count(what: string) {
  return z.coerce
    .number({ error: `must be a whole number of ${what}` })
    .int()
    .min(0);
}

/** Rules across settings; checked even when another setting is malformed, so all problems show at once. */
function crossChecks(env: NodeJS.ProcessEnv): string[] {
  const problems: string[] = [];
  const writeKey = env.AHAKIT_WRITE_KEY ?? DEMO_WRITE_KEY;
  const adminKey = env.AHAKIT_ADMIN_KEY ?? DEMO_ADMIN_KEY;
  for (const entry of (env.AHAKIT_ALLOWED_ORIGINS ?? '').split(',')) {
    const problem = entry.trim() && originProblem(entry.trim());
    if (problem) problems.push(`AHAKIT_ALLOWED_ORIGINS: "${entry.trim()}" ${problem}`);
  }
  if (writeKey === adminKey) {
    problems.push('AHAKIT_ADMIN_KEY: must differ from AHAKIT_WRITE_KEY: the write key is public');
  }
  if (env.NODE_ENV === 'production') {
    if (writeKey === DEMO_WRITE_KEY) {
      problems.push(
        `AHAKIT_WRITE_KEY: is the demo key "${DEMO_WRITE_KEY}"; set your own key when NODE_ENV=production`,
      );
    }
    if (adminKey === DEMO_ADMIN_KEY) {
      problems.push(
        `AHAKIT_ADMIN_KEY: is the demo key "${DEMO_ADMIN_KEY}"; set your own key when NODE_ENV=production`,
      );
    }
  }
  return problems;
}

export interface Settings {
  port: number;
  host: string;
  configPath: string;
  dataDir: string;
  writeKey: string;
  adminKey: string;
  /** Browser origins allowed besides the config's `collector.allowedOrigins`. */
  allowedOrigins: string[];
  /** Where `serve --demo-receiver` listens on 127.0.0.1. */
  demoReceiverPort: number;
  production: boolean;
  /** True when a key is the printed demo default. */
  demoKeys: boolean;
  /** With it, user ids must come with their HMAC-SHA256 under it (`identify(id, traits, { userHash })`). */
  identitySecret: string | null;
  limits: WireLimits;
}

/** What one client may take of the collector: see README "Security model". */
export interface WireLimits {
  /** Events per second from one IP address; 0 is no limit. */
  perIp: number;
  /** Events per second with the write key, from everywhere together; 0 is no limit. */
  perKey: number;
  /** Take the client's address from the last `X-Forwarded-For` hop (behind a reverse proxy). */
  trustProxy: boolean;
  maxConnections: number;
  headersTimeoutMs: number;
  requestTimeoutMs: number;
}

export class SettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid settings:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'SettingsError';
  }
}

/** Reads the collector's settings from the environment, listing every problem at once. */
export function readSettings(
  rawEnv: NodeJS.ProcessEnv = process.env,
  cwd = process.cwd(),
): Settings {
  // An empty variable (`AHAKIT_WRITE_KEY= npm start`) means unset, as in most tools.
  const env = Object.fromEntries(Object.entries(rawEnv).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(env);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((i) => `${formatPath(i.path)}: ${i.message}`)),
    ...crossChecks(env),
  ];
  if (!parsed.success || problems.length > 0) throw new SettingsError(problems);
  const e = parsed.data;
  const fromCwd = (p: string) => (isAbsolute(p) ? p : resolve(cwd, p));
  return {
    port: e.PORT,
    host: e.HOST,
    // The default config ships with the package; a given path is relative to the caller.
    configPath: env.AHAKIT_CONFIG
      ? fromCwd(e.AHAKIT_CONFIG)
      : resolve(PACKAGE_ROOT, e.AHAKIT_CONFIG),
    dataDir: fromCwd(e.AHAKIT_DATA_DIR),
    writeKey: e.AHAKIT_WRITE_KEY,
    adminKey: e.AHAKIT_ADMIN_KEY,
    allowedOrigins: e.AHAKIT_ALLOWED_ORIGINS,
    demoReceiverPort: e.AHAKIT_DEMO_RECEIVER_PORT,
    production: e.NODE_ENV === 'production',
    demoKeys: e.AHAKIT_WRITE_KEY === DEMO_WRITE_KEY || e.AHAKIT_ADMIN_KEY === DEMO_ADMIN_KEY,
    identitySecret: e.AHAKIT_IDENTITY_SECRET ?? null,
    limits: {
      perIp: e.AHAKIT_RATE_LIMIT_PER_IP,
      perKey: e.AHAKIT_RATE_LIMIT_PER_KEY,
      trustProxy: e.AHAKIT_TRUST_PROXY === 'true' || e.AHAKIT_TRUST_PROXY === '1',
      maxConnections: e.AHAKIT_MAX_CONNECTIONS,
      headersTimeoutMs: Math.min(e.AHAKIT_HEADERS_TIMEOUT_MS, e.AHAKIT_REQUEST_TIMEOUT_MS),
      requestTimeoutMs: e.AHAKIT_REQUEST_TIMEOUT_MS,
    },
  };
}
