import {
  arrow,
  autoUpdate,
  computePosition,
  flip,
  hide,
  offset,
  type Placement,
  shift,
} from '@floating-ui/dom';

export interface Follow {
  /** The tooltip's box (position: fixed). */
  box: HTMLElement;
  /** Its arrow, placed along the edge that faces the target. */
  arrowElement: HTMLElement | null;
  /** The preferred side. */
  placement: Placement;
  /** The target as first found. */
  target: Element;
  /** Finds the target again, after the app re-rendered it. */
  find: () => Element | null;
  onError: (error: unknown) => void;
}

/** Space between the target and the tooltip (the arrow lives there), and from the edges. */
const GAP = 10;
const EDGE = 8;

/**
 * Keeps a tooltip beside its target with floating-ui: on the preferred side, flipped
 * when it does not fit, shifted to stay on screen, the arrow at the target; hidden while
 * the target is scrolled out of its container or the viewport. `autoUpdate` follows
 * scrolling, resizing and layout shifts; when the app replaces the target (re-renders),
 * a `MutationObserver` finds the new one. Returns the function that stops following.
 */
export function followTarget({ box, arrowElement, placement, target, find, onError }: Follow) {
  const doc = box.ownerDocument;
  let current = target;
  let stopAuto = () => {};

  const setHidden = (hidden: boolean) => {
    box.style.setProperty('visibility', hidden ? 'hidden' : 'visible');
  };

  const update = () => {
    if (!current.isConnected) return relocate();
    computePosition(current, box, {
      strategy: 'fixed',
      placement,
      middleware: [
        offset(GAP),
        flip({ padding: EDGE }),
        shift({ padding: EDGE }),
        arrowElement && arrow({ element: arrowElement, padding: 12 }),
        hide(),
      ],
    }).then(({ x, y, placement: side, middlewareData }) => {
      box.style.setProperty('left', `${x}px`);
      box.style.setProperty('top', `${y}px`);
      box.dataset.side = side.split('-')[0];
      const spot = middlewareData.arrow;
      if (arrowElement && spot) {
        arrowElement.style.setProperty('left', spot.x == null ? '' : `${spot.x}px`);
        arrowElement.style.setProperty('top', spot.y == null ? '' : `${spot.y}px`);
      }
      setHidden(!!middlewareData.hide?.referenceHidden);
    }, onError);
  };

  const attach = (element: Element) => {
    stopAuto();
    current = element;
    stopAuto = autoUpdate(element, box, update);
  };

  // Re-rendered apps replace elements: look for the target again when it is gone.
  function relocate() {
    const next = find();
    if (next && next !== current) attach(next);
    else if (!next) setHidden(true);
  }

  const win = doc.defaultView;
  const observer = win && new win.MutationObserver(() => !current.isConnected && relocate());
  observer?.observe(doc.documentElement, { childList: true, subtree: true });
  // A target inside shadow roots is replaced there, out of the document observer's sight.
  let root = current.getRootNode() as ShadowRoot | Document;
  while (observer && root !== doc && 'host' in root) {
    observer.observe(root, { childList: true, subtree: true });
    root = root.host.getRootNode() as ShadowRoot | Document;
  }
  setHidden(true);
  attach(current);
  return () => {
    stopAuto();
    observer?.disconnect();
  };
}
