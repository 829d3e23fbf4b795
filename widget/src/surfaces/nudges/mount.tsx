import { signal } from '@preact/signals';
import type { NudgeAction } from '../../../../core/config/nudges';
import type {
  PublicNudge as Nudge,
  ParsedText,
  PublicConfig,
} from '../../../../core/config/public-config';
import type { Properties } from '../../../../core/engine';
import { fillText, isRtl, localizeParsed, plainText } from '../../../../core/engine';
import { findElement } from '../../actions/find-element';
import { runAction } from '../../actions/run-action';
import { stringsFor } from '../../strings';
import type { Warn } from '../../warn';
import { createHost } from '../host';
import { BASE_Z_INDEX, themeVars } from '../theme';
import { NudgeView, type Shown } from './NudgeView';
import { NUDGE_CSS } from './styles';

export interface NudgeMountOptions {
  theme: PublicConfig['theme'] | undefined;
  strings: PublicConfig['strings'] | undefined;
  locales: PublicConfig['locales'];
  warn: Warn;
  /**
   * The call to action was used; true keeps the nudge open (to say thanks), false takes it
   * away and runs the action in the page.
   */
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

/**
 * The nudges surface: its own shadow root, on an `<ahakit-nudge>` element at the end of
 * `<body>`, showing at most one nudge. A modal takes focus to its call to action, keeps
 * Tab inside, and gives focus back where it was when it closes. Banners, cards and
 * tooltips leave focus alone and are announced politely. A tooltip stays beside its
 * target (`followTarget`).
 *
 * @example
 * const ui = mountNudges(document, { theme, strings, locales, warn, act, close });
 * if (await ui.show(nudge, 'en', { traits }, null)) report('shown');
 */
export function mountNudges(doc: Document, options: NudgeMountOptions) {
  const { warn } = options;
  // One above the checklist: a prompt shown while the panel is open is seen, not covered.
  const ui = createHost(
    doc,
    'ahakit-nudge',
    NUDGE_CSS,
    (options.theme?.zIndex ?? BASE_Z_INDEX) + 1,
  );
  const { host, shadow, container } = ui;
  const win = doc.defaultView!;
  const live = doc.createElement('div');
  live.className = 'ak-root ak-sr';
  live.setAttribute('aria-live', 'polite');
  shadow.append(live);

  const shown = signal<Shown | null>(null);
  const theme = themeVars(options.theme ?? {});
  let returnFocus: HTMLElement | null = null;
  /** Settles the `show()` waiting for the nudge to reach the page. */
  let settle: ((onScreen: boolean) => void) | null = null;

  const guard = (handler: () => void) => {
    try {
      handler();
    } catch (error) {
      warn('a nudge failed', error);
    }
  };

  const hide = () => {
    live.textContent = '';
    settle?.(false);
    settle = null;
    const was = shown.peek();
    if (!was) return;
    shown.value = null;
    if (was.nudge.kind === 'modal' && returnFocus?.isConnected) returnFocus.focus();
    returnFocus = null;
  };

  const rendered = (now: Shown, box: HTMLElement, arrow: HTMLElement | null) => {
    const { nudge } = now;
    if (nudge.kind === 'modal') {
      (ui.find('.ak-cta') ?? ui.find('.ak-box button'))?.focus();
    } else {
      live.textContent = [now.title, plainText(now.body)].filter(Boolean).join('. ');
    }
    settle?.(true);
    settle = null;
    if (nudge.kind !== 'tooltip' || !now.target) return;
    // floating-ui comes with the first tooltip: modals, banners and cards don't need it.
    let stop: (() => void) | undefined;
    let gone = false;
    import('./tooltip').then(
      ({ followTarget }) => {
        if (gone || !now.target) return;
        stop = followTarget({
          box,
          arrowElement: arrow,
          placement: nudge.placement,
          target: now.target,
          find: () => {
            try {
              return findElement(doc, nudge.anchor);
            } catch {
              return null;
            }
          },
          onError: (error) => warn('a nudge failed', error),
        });
      },
      (error) => warn('could not place a tooltip', error),
    );
    return () => {
      gone = true;
      stop?.();
    };
  };

  function Root() {
    const now = shown.value;
    return (
      now && (
        <NudgeView
          shown={now}
          theme={theme}
          onRendered={(box, arrow) => rendered(now, box, arrow)}
          onAction={() =>
            guard(() => {
              const action = now.nudge.cta?.action;
              if (!action) return;
              if (options.act(now.nudge, action)) shown.value = { ...now, thanks: true };
              else {
                hide();
                if (action.type !== 'talk_to_sales') runAction(action, win, warn);
              }
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
  }
  let broken = false;
  const paint = () =>
    ui.show(
      <Root />,
      (message, cause) => {
        // A nudge that cannot render is not on screen: its show() says so, and the next
        // one renders afresh.
        broken = true;
        settle?.(false);
        settle = null;
        warn(message, cause);
      },
      'a nudge',
    );
  paint();

  // A modal keeps Tab and Shift+Tab among its own controls.
  const trap = (event: KeyboardEvent) => {
    if (event.key !== 'Tab' || shown.peek()?.nudge.kind !== 'modal') return;
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
    /**
     * Shows `nudge` in `locale`, its placeholders filled from `context`, a tooltip beside
     * `target`. Resolves true once it is in the page, false when it could not render or
     * was replaced first.
     */
    show(nudge: Nudge, locale: string, context: TextContext, target: Element | null) {
      hide();
      if (broken) {
        broken = false;
        paint();
      }
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
        target,
      };
      if (nudge.kind === 'modal') returnFocus = deepActive(doc);
      const onScreen = new Promise<boolean>((resolve) => {
        settle = resolve;
      });
      shown.value = next;
      return onScreen;
    },
    hide,
    unmount() {
      hide();
      shadow.removeEventListener('keydown', trap as EventListener);
      ui.remove();
    },
  };
}

export type NudgeSurface = ReturnType<typeof mountNudges>;
