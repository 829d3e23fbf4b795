import { t } from './i18n.js';

/**
 * The plans TeamChat sells. Their words (name, tagline, features) live in the locale
 * files under `plan.<id>.…`. The Free plan's 50 messages stand in for Slack's 2,000.
 */
const FREE_MESSAGE_LIMIT = 50;

export const PLANS = {
  free: {
    id: 'free',
    pricePerMember: 0,
    messageLimit: FREE_MESSAGE_LIMIT,
    features: ['messages', 'channels', 'invite', 'search'],
  },
  pro: {
    id: 'pro',
    pricePerMember: 8,
    messageLimit: null,
    features: ['messages', 'huddles', 'guests', 'support'],
  },
  business: {
    id: 'business',
    pricePerMember: 15,
    messageLimit: null,
    features: ['pro', 'sso', 'sla', 'exports'],
  },
};

export function planOf(workspace) {
  return PLANS[workspace?.plan] ?? PLANS.free;
}

/** The workspace's message limit, or null when its plan has none. */
export function messageLimitOf(workspace) {
  return planOf(workspace).messageLimit;
}

/** "Free", "Darmowy", "免费版"… */
export function planName(plan) {
  return t(`plan.${plan.id}.name`);
}

/** "Free plan", "Plan darmowy"… */
export function planLabel(plan) {
  return t(`plan.${plan.id}.label`);
}

export function planTagline(plan) {
  return t(`plan.${plan.id}.tagline`);
}

export function planFeatures(plan) {
  return plan.features.map((feature) =>
    t(`plan.${plan.id}.feature.${feature}`, { count: plan.messageLimit ?? 0 }),
  );
}
