import { batch, computed, signal } from '@preact/signals-core';
import type { ChecklistAction } from '../../../core/config/checklists';
import {
  applyMilestones,
  type ChecklistItemView,
  type ChecklistView,
  checklistView,
  emptyState,
  isRtl,
  pickLocale,
  type Rules,
  type SubjectState,
} from '../../../core/engine';
import { countText, type Strings, stringsFor } from '../strings';
import type { Traits } from '../tracking/identity';
import type { WidgetMessage } from '../tracking/messages';
import { mergeState } from './merge-state';

/** A dismissal (`on: true`) or restoration this browser made, until the collector agrees. */
export interface Choice {
  on: boolean;
  at: number;
}

/** What the collector's `GET /v1/users/:userId/state` answers (the parts merged). */
export interface ServerState {
  accountId?: string | null;
  user?: SubjectState | null;
  account?: SubjectState | null;
  dismissed?: Record<string, number>;
}

/** What is kept in IndexedDB and posted to other tabs. */
export interface Snapshot {
  user: SubjectState;
  account: SubjectState | null;
  accountId: string | null;
  /** Dismissals as the collector last said. */
  dismissed: Record<string, number>;
  pending: Record<string, Choice>;
}

export interface OnboardingInput {
  rules: Rules;
  userId: string;
  traits: Traits;
  accountId: string | null;
  accountTraits: Traits;
  /** The browser's language, used when the traits name no supported locale. */
  language: string | undefined;
  /** The widget's own words per locale, as the collector sends them in the config. */
  strings?: Record<string, Partial<Strings>> | undefined;
  track: (event: string, properties: Record<string, unknown>) => void;
  /** Runs an item's action; returns the element to highlight, if any. */
  perform: (action: ChecklistAction) => Element | null;
}

export type Onboarding = ReturnType<typeof createOnboarding>;

const same = (a: Record<string, unknown>, b: Record<string, unknown>) =>
  JSON.stringify(a) === JSON.stringify(b);

/**
 * One signed-in user's onboarding: their and their account's progress, the checklists
 * they see in their locale, and what they chose to dismiss. Actions change it; the sync
 * and the UI read it.
 *
 * @example
 * const onboarding = createOnboarding({ rules, userId: 'u1', traits: {}, accountId: null,
 *   accountTraits: {}, language: 'en', track, perform });
 * onboarding.apply(message);
 * onboarding.current.value?.doneCount; // 1
 */
export function createOnboarding(input: OnboardingInput) {
  const { rules, userId } = input;
  const { supported } = rules.locales;

  const user = signal<SubjectState>(emptyState());
  const accountId = signal(input.accountId);
  const account = signal<SubjectState | null>(input.accountId ? emptyState() : null);
  const traits = signal<Traits>(input.traits);
  const accountTraits = signal<Traits>(input.accountTraits);
  const dismissedBase = signal<Record<string, number>>({});
  const pending = signal<Record<string, Choice>>({});
  const open = signal(false);
  /** An element an item's action points at: the UI draws a ring around it a moment. */
  const target = signal<Element | null>(null);
  /** What a screen reader hears next (politely). */
  const announcement = signal('');
  /** The id of a checklist completed live, for a short celebration. */
  const celebrating = signal<string | null>(null);

  const locale = computed(
    () =>
      pickLocale(String(traits.value.locale ?? ''), supported) ??
      pickLocale(input.language ?? '', supported) ??
      rules.locales.default,
  );
  const strings = computed(() => stringsFor(locale.value, input.strings));
  const rtl = computed(() => isRtl(locale.value));
  const dismissed = computed(() => {
    const out = { ...dismissedBase.value };
    for (const [id, choice] of Object.entries(pending.value)) {
      if (choice.on) out[id] = choice.at;
      else delete out[id];
    }
    return out;
  });
  const all = computed(() =>
    checklistView(
      rules,
      {
        traits: traits.value,
        accountTraits: accountTraits.value,
        user: user.value,
        ...(account.value && { account: account.value }),
      },
      locale.value,
    ),
  );
  /** The checklist the launcher and panel show: the first not dismissed, in config order. */
  const current = computed(() => all.value.find((list) => !(list.id in dismissed.value)) ?? null);
  /** The first dismissed checklist, which the user can bring back, when none is shown. */
  const restorable = computed(() =>
    current.value ? null : (all.value.find((list) => list.id in dismissed.value) ?? null),
  );
  const snapshot = computed<Snapshot>(() => ({
    user: user.value,
    account: account.value,
    accountId: accountId.value,
    dismissed: dismissedBase.value,
    pending: pending.value,
  }));

  /** Tells a screen reader what changed in the checklist shown, between two views. */
  const announce = (before: ChecklistView | null, after: ChecklistView | null) => {
    if (!before || !after || before.id !== after.id) return;
    const s = strings.value;
    const ticked = after.items.filter((item, i) => item.done && !before.items[i]?.done);
    if (ticked.length === 0) return;
    const parts = ticked.map((item) => `${item.title}: ${s.done}.`);
    parts.push(`${countText(s, after.doneCount, after.total)}.`);
    if (after.complete && !before.complete) {
      parts.push(after.completeText ?? s.allDone);
      celebrating.value = after.id;
    }
    announcement.value = parts.join(' ');
  };

  const switchAccount = (id: string | null) => {
    if (id === accountId.value) return;
    accountId.value = id;
    account.value = id ? emptyState() : null;
  };

  const choose = (id: string, on: boolean) => {
    pending.value = { ...pending.value, [id]: { on, at: Date.now() } };
    input.track(on ? '$checklist_dismissed' : '$checklist_restored', { checklistId: id });
  };

  return {
    userId,
    open,
    target,
    announcement,
    celebrating,
    locale,
    strings,
    rtl,
    current,
    restorable,
    accountId,
    snapshot,
    user,
    account,
    traits,
    accountTraits,
    rules,

    /**
     * Every message the client queues: the checklist ticks off at once, not after a round
     * trip. Returns the milestones this message reached (user's and account's).
     */
    apply(message: WidgetMessage): string[] {
      if (message.userId !== userId) return [];
      const m = message as WidgetMessage & {
        event?: string;
        traits?: Traits;
        groupId?: string;
        properties?: Record<string, unknown>;
      };
      const before = current.value;
      const reachedBefore = { ...user.value.reached, ...account.value?.reached };
      batch(() => {
        if (m.type === 'identify' && m.traits) traits.value = { ...m.traits };
        const groupId = m.type === 'group' ? m.groupId : (m.context.groupId as string | undefined);
        if (groupId) switchAccount(groupId);
        if (m.type === 'group' && m.traits) accountTraits.value = { ...m.traits };
        const applied = applyMilestones(
          rules,
          { user: user.value, account: account.value ?? undefined },
          { ...m, timestamp: Date.parse(m.timestamp), userId, accountId: groupId ?? null },
        );
        user.value = applied.user;
        if (applied.account) account.value = applied.account;
      });
      announce(before, current.value);
      return Object.keys({ ...user.value.reached, ...account.value?.reached }).filter(
        (id) => !(id in reachedBefore),
      );
    },

    /**
     * Another view of the user's progress: the collector's (`fromServer`, it knows what
     * other devices did, and its dismissals are the truth), or what this browser stored
     * or another tab posted.
     */
    merge(other: ServerState & { pending?: Record<string, Choice> }, fromServer = true) {
      batch(() => {
        if (!accountId.value && other.accountId) switchAccount(other.accountId);
        user.value = mergeState(user.value, other.user);
        if (account.value && other.accountId === accountId.value) {
          account.value = mergeState(account.value, other.account);
        }
        const base = fromServer
          ? { ...other.dismissed }
          : { ...other.dismissed, ...dismissedBase.value };
        if (!same(base, dismissedBase.value)) dismissedBase.value = base;
        // Later choices win; one the collector agrees with is no longer pending.
        const next = { ...pending.value };
        for (const [id, choice] of Object.entries(other.pending ?? {})) {
          const mine = next[id];
          if (typeof choice?.at === 'number' && (!mine || choice.at > mine.at)) next[id] = choice;
        }
        for (const [id, choice] of Object.entries(next)) {
          if (fromServer && choice.on === id in base) delete next[id];
        }
        if (!same(next, pending.value)) pending.value = next;
      });
    },

    toggle() {
      open.value = !open.value;
    },
    close() {
      open.value = false;
    },
    dismiss(id: string) {
      open.value = false;
      choose(id, true);
    },
    restore(id: string) {
      choose(id, false);
      open.value = true;
    },
    runAction(list: ChecklistView, item: ChecklistItemView) {
      if (!item.action || item.locked) return;
      input.track('$checklist_item_clicked', { checklistId: list.id, itemId: item.id });
      open.value = false;
      target.value = input.perform(item.action);
    },
    clearTarget() {
      target.value = null;
    },
  };
}
