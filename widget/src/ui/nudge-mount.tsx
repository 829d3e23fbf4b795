/** @jsxImportSource ./jsx */

import type { NudgeAction } from '../../../core/config/nudges';
import type {
  PublicNudge as Nudge,
  ParsedText,
  PublicConfig,
} from '../../../core/config/public-config';
import type { Properties } from '../../../core/engine';
import { fillText, isRtl, localizeParsed, plainText } from '../../../core/engine';
import { findElement } from '../onboarding/find-element';
import { stringsFor } from '../onboarding/strings';
import { signal } from '../reactive';
import type { Warn } from '../warn';
import { createHost } from './host';
import { NudgeView, type Shown } from './NudgeView';
import { type Box, clippers, type Placement, place, visibleBox } from './place';
import { NUDGE_CSS } from './styles';
import { themeVars } from './view';

export type { Shown };

export interface NudgeMountOptions {
  theme: PublicConfig['theme'] | undefined;
  strings: PublicConfig['strings'] | undefined;
  locales: PublicConfig['locales'];
  warn: Warn;
  /** The call to action was used; true keeps the nudge open (to say thanks). */
  act: (nudge: Nudge, action: NudgeAction) => boolean;
  close: (nudge: Nudge, dontShowAgain: boolean) => void;
}

/** What placeholders in nudge texts read. */
export interface TextContext {
  traits?: Properties | undefined;
  accountTraits?: Properties | undefined;
}

/** Focus inside shadow roots: `document.activeElement` stops at the host. */
function deepActive(doc: Document): HTMLElement | null {
  let active = doc.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active as HTMLElement | null;
}

const sameSpot = (a: Placement | null, b: Placement | null) =>
  a === b || (!!a && !!b && a.side === b.side && a.top === b.top && a.left === b.left);

/**
 * The nudges' own shadow root, on an `<ahakit-nudge>` element at the end of `<body>`,
 * showing at most one nudge. A modal takes focus to its first button, keeps Tab inside,
 * and gives focus back where it was when it closes. Banners, cards and tooltips leave
 * focus alone and are announced politely. A tooltip finds its target wherever it renders
 * (in open shadow roots too), follows it every frame through scrolling containers and
 * layout changes, flips and shifts to stay on screen, and hides while the target is gone
 * or scrolled out of sight.
 */
export function mountNudges(doc: Document, options: NudgeMountOptions) {
  const { warn } = options;
  const win = doc.defaultView!;
  // One above the checklist: a prompt shown while the panel is open is seen, not covered.
  const ui = createHost(doc, 'ahakit-nudge', NUDGE_CSS, (options.theme?.zIndex ?? 2147483000) + 1);
  const { host, shadow, container } = ui;
  const live = doc.createElement('div');
  live.className = 'ak-root ak-sr';
  live.setAttribute('aria-live', 'polite');
  shadow.append(live);

  const shown = signal<Shown | null>(null);
  const placement = signal<Placement | null>(null);
  const theme = themeVars(options.theme ?? {});
  let returnFocus: HTMLElement | null = null;
  let target: Element | null = null;
  let clipping: Element[] = [];
  let frame = 0;
  let ticks = 0;

  const find = (selector: string) => {
    try {
      return findElement(doc, selector);
    } catch {
      warn(`"${selector}" is not a valid selector`);
      return null;
    }
  };

  const guard = (handler: () => void) => {
    try {
      handler();
    } catch (error) {
      warn('a nudge failed', error);
    }
  };

  const hide = () => {
    cancelAnimationFrame(frame);
    target = null;
    live.textContent = '';
    if (!shown.value) return;
    const wasModal = shown.value.nudge.kind === 'modal';
    shown.value = null;
    placement.value = null;
    if (wasModal && returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  };

  // A tooltip is placed from its target's visible part and its own measured size.
  const follow = () => {
    frame = requestAnimationFrame(follow);
    const now = shown.value;
    if (now?.nudge.kind !== 'tooltip') return;
    // Re-rendered apps replace elements: look for the target again, a few times a second.
    if (!target?.isConnected && ticks++ % 10 === 0) {
      target = find(now.nudge.anchor);
      clipping = target ? clippers(target) : [];
    }
    const box: Box | null = target && visibleBox(target, clipping);
    const tip = ui.find('.ak-tip');
    const next =
      box && tip
        ? place(
            box,
            tip.offsetWidth,
            tip.offsetHeight,
            win.innerWidth,
            win.innerHeight,
            now.nudge.placement,
          )
        : null;
    if (!sameSpot(next, placement.value)) placement.value = next;
  };

  ui.paint(
    () => {
      const now = shown.value;
      return (
        now && (
          <NudgeView
            shown={now}
            theme={theme}
            placement={placement.value}
            onAction={() =>
              guard(() => {
                const action = now.nudge.cta?.action;
                if (action && options.act(now.nudge, action))
                  shown.value = { ...now, thanks: true };
              })
            }
            onClose={(never) =>
              guard(() => {
                hide();
                options.close(now.nudge, never);
              })
            }
          />
        )
      );
    },
    warn,
    'a nudge',
  );

  // A modal keeps Tab and Shift+Tab among its own controls.
  const trap = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || shown.value?.nudge.kind !== 'modal') return;
    const controls = [...container.querySelectorAll<HTMLElement>('.ak-box button, .ak-box a')];
    const first = controls[0];
    const last = controls[controls.length - 1];
    const active = shadow.activeElement;
    if (!first || !last) return;
    if (event.shiftKey ? active === first || !active : active === last || !active) {
      event.preventDefault();
      (event.shiftKey ? last : first).focus();
    }
  };
  shadow.addEventListener('keydown', trap as EventListener);

  return {
    host,
    find,
    active: () => shown.value !== null,
    /** Shows `nudge` in `locale`, its placeholders filled from `context`. */
    show(nudge: Nudge, locale: string, context: TextContext) {
      hide();
      const vars = { user: context.traits, account: context.accountTraits };
      const text = (value: ParsedText | undefined) =>
        fillText(localizeParsed(value, locale, options.locales) ?? [], vars);
      const next: Shown = {
        nudge,
        title: plainText(text(nudge.content.title)),
        body: text(nudge.content.body),
        label: nudge.cta ? plainText(text(nudge.cta.label)) : null,
        strings: stringsFor(locale, options.strings),
        locale,
        rtl: isRtl(locale),
        thanks: false,
      };
      if (nudge.kind === 'modal') returnFocus = deepActive(doc);
      shown.value = next;
      // It rendered at once, or failed (and warned): then it is not showing.
      if (!ui.find('.ak-box')) {
        hide();
        throw new Error(`nudge "${nudge.id}" could not be shown`);
      }
      if (nudge.kind === 'modal') {
        (ui.find('.ak-cta') ?? ui.find('.ak-box button'))?.focus();
      } else {
        live.textContent = [next.title, plainText(next.body)].filter(Boolean).join('. ');
      }
      if (nudge.kind === 'tooltip') {
        ticks = 0;
        follow();
      }
    },
    hide,
    unmount() {
      hide();
      shadow.removeEventListener('keydown', trap as EventListener);
      ui.remove();
    },
  };
}
