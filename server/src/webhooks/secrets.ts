import { MIN_SECRET_LENGTH, SECRET_FROM_ENV, type Webhook } from '../../../core/config/webhooks';

export class WebhookSecretError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid webhook secrets:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'WebhookSecretError';
  }
}

/**
 * The webhooks with every `env:NAME` secret replaced by the variable's value; run once at
 * start-up, listing every missing or short secret at once.
 *
 * @example resolveWebhookSecrets(config.webhooks, process.env)
 */
export function resolveWebhookSecrets(
  webhooks: readonly Webhook[],
  env: NodeJS.ProcessEnv = process.env,
): Webhook[] {
  const problems: string[] = [];
  const resolved = webhooks.map((hook, i) => {
    const name = SECRET_FROM_ENV.exec(hook.secret)?.[1];
    if (name === undefined) return hook;
    const value = env[name];
    if (!value) {
      problems.push(`webhooks[${i}].secret: the environment variable ${name} is not set`);
    } else if (value.length < MIN_SECRET_LENGTH) {
      problems.push(
        `webhooks[${i}].secret: ${name} must be at least ${MIN_SECRET_LENGTH} characters`,
      );
    }
    return { ...hook, secret: value ?? '' };
  });
  if (problems.length > 0) throw new WebhookSecretError(problems);
  return resolved;
}
