/**
 * The plans TeamChat sells, with the words the pricing page uses for them.
 * The Free plan's 50 messages stand in for Slack's 2,000.
 */
const FREE_MESSAGE_LIMIT = 50;

export const PLANS = {
  free: {
    id: 'free',
    name: 'Free',
    pricePerMember: 0,
    messageLimit: FREE_MESSAGE_LIMIT,
    tagline: 'For small teams trying TeamChat out.',
    features: [
      `${FREE_MESSAGE_LIMIT} messages per workspace`,
      'Unlimited channels',
      'Invite your whole team',
      'Search the messages you keep',
    ],
  },
  pro: {
    id: 'pro',
    name: 'Pro',
    pricePerMember: 8,
    messageLimit: null,
    tagline: 'For teams that talk every day.',
    features: [
      'Unlimited messages and history',
      'Huddles: quick audio calls in any channel',
      'Guest access for partners',
      'Priority support',
    ],
  },
  business: {
    id: 'business',
    name: 'Business',
    pricePerMember: 15,
    messageLimit: null,
    tagline: 'For companies that need control and scale.',
    features: [
      'Everything in Pro',
      'SAML single sign-on',
      '99.99% uptime SLA',
      'Data exports for all messages',
    ],
  },
};

export function planOf(workspace) {
  return PLANS[workspace?.plan] ?? PLANS.free;
}

/** The workspace's message limit, or null when its plan has none. */
export function messageLimitOf(workspace) {
  return planOf(workspace).messageLimit;
}
