export type Side = 'top' | 'bottom' | 'left' | 'right';

/** A rectangle in viewport coordinates (a DOMRect's fields). */
export interface Box {
  top: number;
  left: number;
  bottom: number;
  right: number;
}

export interface Placement {
  side: Side;
  top: number;
  left: number;
  /** Where the arrow sits along the tooltip's edge, from its start, in pixels. */
  arrow: number;
}

const OPPOSITE: Record<Side, Side> = { top: 'bottom', bottom: 'top', left: 'right', right: 'left' };
/** Space between the target and the tooltip (the arrow lives there). */
const GAP = 10;
/** The tooltip keeps this far from the viewport's edges. */
const EDGE = 8;

/**
 * Where a `width` × `height` tooltip goes next to `target` in a `viewportWidth` ×
 * `viewportHeight` viewport: on the preferred side, flipped to the opposite side when
 * it does not fit there but fits there (else on whichever of the two has more room),
 * then shifted along that side to stay inside the viewport, the arrow still pointing
 * at the target's middle.
 *
 * @example
 * place({ top: 10, left: 300, bottom: 40, right: 380 }, 200, 80, 1024, 768, 'top').side; // 'bottom'
 */
export function place(
  target: Box,
  width: number,
  height: number,
  viewportWidth: number,
  viewportHeight: number,
  prefer: Side,
): Placement {
  const room: Record<Side, number> = {
    top: target.top,
    bottom: viewportHeight - target.bottom,
    left: target.left,
    right: viewportWidth - target.right,
  };
  const vertical = (side: Side) => side === 'top' || side === 'bottom';
  const needs = (side: Side) => (vertical(side) ? height : width) + GAP + EDGE;
  const other = OPPOSITE[prefer];
  const side =
    room[prefer] >= needs(prefer) || (room[other] < needs(other) && room[prefer] >= room[other])
      ? prefer
      : other;
  const clamp = (value: number, size: number, max: number) =>
    Math.max(EDGE, Math.min(value, max - size - EDGE));
  const middleX = (target.left + target.right) / 2;
  const middleY = (target.top + target.bottom) / 2;
  if (vertical(side)) {
    const left = clamp(middleX - width / 2, width, viewportWidth);
    const top = side === 'top' ? target.top - GAP - height : target.bottom + GAP;
    return { side, top, left, arrow: Math.max(12, Math.min(middleX - left, width - 12)) };
  }
  const top = clamp(middleY - height / 2, height, viewportHeight);
  const left = side === 'left' ? target.left - GAP - width : target.right + GAP;
  return { side, top, left, arrow: Math.max(12, Math.min(middleY - top, height - 12)) };
}

/** An element's parent, crossing out of a shadow root to its host. */
const parentOf = (node: Node): Element | null =>
  node.parentElement ?? ((node.parentNode as ShadowRoot | null)?.host || null);

/**
 * The ancestors that clip `element`: those whose `overflow` is not `visible` (a scrolled
 * list, a panel), through shadow roots. Found once per target; their rectangles are read
 * on every frame.
 */
export function clippers(element: Element): Element[] {
  const out: Element[] = [];
  const view = element.ownerDocument.defaultView;
  for (let node = parentOf(element); node && view; node = parentOf(node)) {
    if (node === element.ownerDocument.documentElement) break;
    const style = view.getComputedStyle(node);
    if (style.overflowX !== 'visible' || style.overflowY !== 'visible') out.push(node);
  }
  return out;
}

/**
 * The part of `element` the user can see: its rectangle cut by its clipping ancestors
 * and the viewport; null when none of it shows (scrolled away, hidden, removed).
 */
export function visibleBox(element: Element, clipping: readonly Element[]): Box | null {
  if (!element.isConnected) return null;
  const view = element.ownerDocument.defaultView;
  const own = element.getBoundingClientRect();
  if (!view || own.width + own.height === 0) return null;
  let { top, left, bottom, right } = own;
  for (const clip of [
    ...clipping.map((c) => c.getBoundingClientRect()),
    { top: 0, left: 0, bottom: view.innerHeight, right: view.innerWidth },
  ]) {
    top = Math.max(top, clip.top);
    left = Math.max(left, clip.left);
    bottom = Math.min(bottom, clip.bottom);
    right = Math.min(right, clip.right);
  }
  return bottom > top && right > left ? { top, left, bottom, right } : null;
}
