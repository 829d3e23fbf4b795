import { useLayoutEffect, useRef } from 'preact/hooks';
import type { PublicNudge as Nudge } from '../../../../core/config/public-config';
import type { Inline } from '../../../../core/engine';
import type { Strings } from '../../strings';

/** A nudge as shown: its texts in the user's locale, placeholders filled in. */
export interface Shown {
  nudge: Nudge;
  title: string;
  body: Inline[];
  /** The call to action's label, when it has one. */
  label: string | null;
  strings: Strings;
  locale: string;
  rtl: boolean;
  /** After "talk to sales": the thank-you replaces the buttons. */
  thanks: boolean;
  /** A tooltip's target. */
  target: Element | null;
}

export interface NudgeProps {
  shown: Shown;
  theme: Record<string, string>;
  onAction: () => void;
  onClose: (dontShowAgain: boolean) => void;
  /** Once in the page: the box and, for a tooltip, its arrow. */
  onRendered: (box: HTMLElement, arrow: HTMLElement | null) => (() => void) | undefined;
}

/** Formatted text as elements: every string is a text node, links are http(s) only. */
function Text({ nodes }: { nodes: Inline[] }) {
  return (
    <>
      {nodes.map((node) =>
        node.type === 'text' ? (
          node.text
        ) : node.type === 'link' ? (
          <a href={node.href} target="_blank" rel="noopener noreferrer">
            <Text nodes={node.children} />
          </a>
        ) : node.type === 'strong' ? (
          <strong>
            <Text nodes={node.children} />
          </strong>
        ) : (
          <em>
            <Text nodes={node.children} />
          </em>
        ),
      )}
    </>
  );
}

/**
 * One nudge. A modal is a labelled `dialog` with `aria-modal` over a scrim (focus is
 * trapped by the mount); a tooltip a non-modal dialog beside its target; a banner and a
 * card labelled regions, announced politely by the mount. Esc, the × and "Not now"
 * dismiss it; every control is a native button or link, so the keyboard works.
 */
export function NudgeView({ shown, theme, onAction, onClose, onRendered }: NudgeProps) {
  const { nudge, strings: s } = shown;
  const kind = nudge.kind;
  const tip = kind === 'tooltip';
  const box = useRef<HTMLDivElement>(null);
  const arrow = useRef<HTMLDivElement>(null);
  // Once per nudge shown: the mount focuses, announces and, for a tooltip, places it.
  useLayoutEffect(() => onRendered(box.current!, arrow.current), [shown.nudge]);
  return (
    <div class="ak-root" dir={shown.rtl ? 'rtl' : 'ltr'} lang={shown.locale} style={theme}>
      {kind === 'modal' && (
        <div class="ak-scrim" aria-hidden="true" onClick={() => onClose(false)} />
      )}
      {/* biome-ignore lint/a11y/useAriaPropsSupportedByRole lint/a11y/noStaticElementInteractions: the role is dialog or region, chosen by kind */}
      <div
        ref={box}
        class={`ak-box ak-${tip ? 'tip' : kind}${kind === 'banner' || kind === 'card' ? ` ak-${nudge.placement}` : ''}`}
        role={kind === 'modal' || tip ? 'dialog' : 'region'}
        aria-modal={kind === 'modal' ? 'true' : undefined}
        aria-labelledby="ak-nt"
        aria-describedby={shown.body.length ? 'ak-nb' : undefined}
        tabIndex={-1}
        onKeyDown={(event) => {
          if (event.key === 'Escape') {
            event.stopPropagation();
            onClose(false);
          }
        }}
      >
        <div class="ak-head">
          <h2 id="ak-nt" class="ak-title">
            {shown.title}
          </h2>
          <button type="button" class="ak-x" aria-label={s.close} onClick={() => onClose(false)}>
            ×
          </button>
        </div>
        {shown.body.length > 0 && (
          <p id="ak-nb" class="ak-desc">
            <Text nodes={shown.body} />
          </p>
        )}
        {shown.thanks ? (
          <p class="ak-desc" role="status">
            {s.thanks}
          </p>
        ) : (
          <div class="ak-acts">
            {shown.label && (
              <button type="button" class="ak-cta" onClick={onAction}>
                {shown.label}
              </button>
            )}
            <button type="button" class="ak-link" onClick={() => onClose(false)}>
              {s.notNow}
            </button>
            {nudge.frequency.dontShowAgain && (
              <button type="button" class="ak-link" onClick={() => onClose(true)}>
                {s.never}
              </button>
            )}
          </div>
        )}
        {tip && <div ref={arrow} class="ak-arrow" />}
      </div>
    </div>
  );
}
