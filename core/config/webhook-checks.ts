import { TALK_TO_SALES } from '../engine/pql/signal-event';
import type { CheckTools } from './nudge-checks';
import type { AhakitConfig } from './schema';

/**
 * Webhook filters name what exists: `definitions` PQL definitions of the config, and
 * `signals` its hand-raise signals (or the built-in "talk_to_sales"). A typo would
 * otherwise filter out every event without a word.
 */
export function checkWebhooks(config: AhakitConfig, { issue }: CheckTools): void {
  const definitions = new Set(config.pql.map((d) => d.id));
  const signals = new Set([TALK_TO_SALES, ...(config.signals ?? []).map((s) => s.id)]);
  config.webhooks.forEach((hook, i) => {
    hook.definitions?.forEach((id, j) => {
      if (!definitions.has(id))
        issue(['webhooks', i, 'definitions', j], `unknown PQL definition "${id}"`);
    });
    hook.signals?.forEach((id, j) => {
      if (!signals.has(id)) issue(['webhooks', i, 'signals', j], `unknown signal "${id}"`);
    });
  });
}
