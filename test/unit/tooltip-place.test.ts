import { describe, expect, it } from 'vitest';
import { place } from '../../widget/src/ui/place';

const VIEW = { width: 1024, height: 768 };
const at = (top: number, left: number, width = 80, height = 30) => ({
  top,
  left,
  bottom: top + height,
  right: left + width,
});

describe('placing a tooltip next to its target', () => {
  it('goes on the preferred side when it fits, centred on the target', () => {
    const p = place(at(300, 400), 200, 80, VIEW.width, VIEW.height, 'bottom');
    expect(p).toEqual({ side: 'bottom', top: 340, left: 340, arrow: 100 });
  });

  it('flips to the other side at the viewport edge', () => {
    expect(place(at(10, 400), 200, 80, VIEW.width, VIEW.height, 'top').side).toBe('bottom');
    expect(place(at(720, 400), 200, 80, VIEW.width, VIEW.height, 'bottom').side).toBe('top');
    expect(place(at(300, 950), 200, 80, VIEW.width, VIEW.height, 'right').side).toBe('left');
  });

  it('keeps the preferred side when neither fits and it has more room', () => {
    const p = place(at(350, 400, 80, 60), 200, 400, VIEW.width, VIEW.height, 'bottom');
    expect(p.side).toBe('bottom');
  });

  it('shifts along the edge to stay on screen, the arrow still at the target', () => {
    const p = place(at(300, 0, 40), 200, 80, VIEW.width, VIEW.height, 'bottom');
    expect(p.left).toBe(8);
    expect(p.arrow).toBe(12);
    const right = place(at(300, 1000, 20), 200, 80, VIEW.width, VIEW.height, 'top');
    expect(right.left).toBe(VIEW.width - 200 - 8);
    // The target's middle (1010) is past the tooltip's rounded corner: the arrow stops 12 px short.
    expect(right.arrow).toBe(188);
  });

  it('centres vertically beside a target on the left or right', () => {
    const p = place(at(300, 400, 80, 40), 150, 60, VIEW.width, VIEW.height, 'right');
    expect(p).toEqual({ side: 'right', top: 290, left: 490, arrow: 30 });
  });
});
