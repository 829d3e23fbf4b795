import { useEffect, useRef } from 'preact/hooks';

export interface TrendSeries {
  title: string;
  /** One value per week; null where there is none (no new users that week). */
  values: (number | null)[];
  /** How an axis tick and a hovered value read. */
  format: (value: number) => string;
  /** Counts: ticks at whole numbers only. */
  whole?: boolean;
}

/**
 * A small line chart of one weekly measure, drawn by uPlot (loaded on first use, so the
 * dashboard's first page stays light). Decoration for sighted readers: the trends table
 * beside it carries the same numbers. It follows its container's width, so it reads on
 * a phone, and draws nothing where no canvas is available.
 */
export function TrendChart({ weeks, series }: { weeks: string[]; series: TrendSeries }) {
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    let plot: { setSize(size: { width: number; height: number }): void; destroy(): void } | null =
      null;
    let cancelled = false;
    const observer =
      typeof ResizeObserver === 'undefined'
        ? null
        : new ResizeObserver(() => plot?.setSize({ width: el.clientWidth, height: 140 }));
    void import('./uplot').then(({ drawTrend }) => {
      if (cancelled) return;
      try {
        plot = drawTrend(el, weeks, series);
        observer?.observe(el);
      } catch {
        // No canvas (an old browser, a test DOM): the table says it all.
      }
    });
    return () => {
      cancelled = true;
      observer?.disconnect();
      plot?.destroy();
    };
  }, [weeks, series]);
  return (
    <figure class="trend" aria-label={series.title}>
      <figcaption>{series.title}</figcaption>
      <div class="trend-plot" ref={box} aria-hidden="true" />
    </figure>
  );
}
