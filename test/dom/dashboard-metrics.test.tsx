import { cleanup, render, screen, within } from '@testing-library/preact';
import { afterEach, describe, expect, it } from 'vitest';
import { createFormat } from '../../dashboard/src/format';
import { ChecklistsReport } from '../../dashboard/src/views/Checklists';
import { ExperimentsReport } from '../../dashboard/src/views/Experiments';
import { NudgesReport } from '../../dashboard/src/views/Nudges';
import { OverviewReport } from '../../dashboard/src/views/Overview';
import { SegmentsReport } from '../../dashboard/src/views/Segments';
import { METRICS_REPORT as report } from '../fixtures/metrics-report';

const fmt = createFormat('en-US');
afterEach(cleanup);

/** The text of each cell of a table row, header cell included. */
function cellsOf(row: HTMLElement): string[] {
  return [...row.querySelectorAll('th, td')].map((c) => c.textContent?.trim() ?? '');
}

function rowNamed(table: HTMLElement, name: string | RegExp): string[] {
  return cellsOf(within(table).getByRole('row', { name }));
}

describe('the dashboard overview', () => {
  it('shows the funnel counts with the rate from the previous step and from the top', () => {
    render(<OverviewReport report={report} fmt={fmt} />);
    const table = screen.getByRole('table', { name: /Funnel/ }) as HTMLElement;
    expect(rowNamed(table, /New users/)).toEqual(['New users', '1,200', '—', '100.0%']);
    expect(rowNamed(table, /Activated/)).toEqual(['Activated', '480', '40.0%', '40.0%']);
    expect(rowNamed(table, /Product qualified/)).toEqual([
      'Product qualified',
      '120',
      '25.0%',
      '10.0%',
    ]);
    expect(rowNamed(table, /Converted/)).toEqual(['Converted', '30', '25.0%', '2.5%']);
    expect(screen.getByText(/All conversions of these users/).textContent).toContain(
      '42 (3.5% of new users)',
    );
    expect(screen.getByText('plan_upgraded')).toBeTruthy();
  });

  it('draws each funnel step as a bar as long as its share of new users', () => {
    const { container } = render(<OverviewReport report={report} fmt={fmt} />);
    const funnel = container.querySelector('table.funnel')!;
    const widths = [...funnel.querySelectorAll<HTMLElement>('.bar-fill')].map((b) => b.style.width);
    expect(widths).toEqual(['100.00%', '40.00%', '10.00%', '2.50%']);
  });

  it('shows the weekly trends: new users, activation rate, median time to value and PQLs', () => {
    render(<OverviewReport report={report} fmt={fmt} />);
    const table = screen.getByRole('table', { name: 'Trends by week' }) as HTMLElement;
    expect(within(table).getAllByRole('row')).toHaveLength(1 + report.trends.length);
    expect(rowNamed(table, /Oct 8/)).toEqual(['Oct 8, 2026', '280', '40.0%', '3h 30m', '31']);
    // A chart per measure, named by its caption.
    for (const name of ['New users', 'Activation rate', 'Median time to value', 'PQLs']) {
      expect(screen.getByRole('figure', { name })).toBeTruthy();
    }
  });

  it('shows the median and 75th percentile time to value', () => {
    render(<OverviewReport report={report} fmt={fmt} />);
    const ttv = screen.getByRole('region', { name: 'Time to value' });
    expect(within(ttv).getByText('Median').nextElementSibling?.textContent).toBe('3h 12m');
    expect(within(ttv).getByText('75th percentile').nextElementSibling?.textContent).toBe('1d 1h');
  });

  it('says so when nobody activated instead of showing empty durations', () => {
    render(
      <OverviewReport
        report={{ ...report, timeToValue: { count: 0, medianMs: null, p75Ms: null } }}
        fmt={fmt}
      />,
    );
    const ttv = screen.getByRole('region', { name: 'Time to value' });
    expect(ttv.textContent).toMatch(/Nobody first seen in this range has reached the aha moment/);
  });
});

describe('the dashboard checklists and nudges', () => {
  it('shows each checklist item with its completion rate', () => {
    render(<ChecklistsReport report={report} fmt={fmt} />);
    const table = screen.getByRole('table') as HTMLElement;
    expect(rowNamed(table, /Invite a teammate/)).toEqual([
      'Invite a teammate',
      '250',
      '1,000',
      '25.0%',
    ]);
  });

  it('shows each nudge: eligible, shown, clicked, dismissed, converted and the rates', () => {
    render(<NudgesReport report={report} fmt={fmt} />);
    const table = screen.getByRole('table') as HTMLElement;
    expect(rowNamed(table, /Upgrade at the message limit/)).toEqual([
      'Upgrade at the message limitlimit_card · card',
      '500',
      '400',
      '60',
      '300',
      '20',
      '15.0%',
      '5.0%',
    ]);
  });
});

describe('the dashboard experiments', () => {
  it('gives the plain-words verdict, the arms, the lift with its interval and the p-value', () => {
    render(<ExperimentsReport report={report} fmt={fmt} />);
    const card = screen.getByRole('article', { name: /Upgrade at the message limit/ });
    expect(card.textContent).toContain(
      'The prompt raises conversion: 12.0% vs 8.0% (+4.0 points, 95% CI +1.4 to +6.6), p = 0.003.',
    );
    const arms = within(card).getByRole('table') as HTMLElement;
    expect(rowNamed(arms, /Treatment/)).toEqual([
      'Treatment (sees the nudge)',
      '1,000',
      '120',
      '12.0%',
    ]);
    expect(rowNamed(arms, /Control/)).toEqual(['Control (held back)', '1,000', '80', '8.0%']);
    expect(within(card).getByText('p-value').nextElementSibling?.textContent).toBe('p = 0.0029');
    const plot = within(card).getByRole('img', { name: /Lift of Upgrade at the message limit/ });
    expect(plot.getAttribute('aria-label')).toBe(
      'Lift of Upgrade at the message limit: +4.0 pts, 95% confidence interval +1.4 pts to +6.6 pts',
    );
    expect(within(card).queryByText('Sample ratio mismatch')).toBeNull();
  });

  it('warns of a sample-ratio mismatch and says not to trust the result', () => {
    render(<ExperimentsReport report={report} fmt={fmt} />);
    const card = screen.getByRole('article', { name: /Pricing tip/ });
    expect(within(card).getByText('Sample ratio mismatch')).toBeTruthy();
    expect(card.textContent).toContain('40.0% of users are in control but 50.0% were expected');
    expect(card.textContent).toContain(
      'Sample ratio mismatch: 40% of users are in control but 50% were expected — check the setup before trusting the result.',
    );
  });
});

describe('the dashboard segments', () => {
  it('shows the fit × value matrix with a count in every cell, high fit on top', () => {
    render(<SegmentsReport report={report} fmt={fmt} />);
    const grid = screen.getByRole('table', { name: /by fit band and value band/ }) as HTMLElement;
    expect(cellsOf(within(grid).getAllByRole('row')[0]!)).toEqual([
      'Fit band, by value bandFit ↓ · Value →',
      'Low value',
      'Medium value',
      'High value',
    ]);
    expect(rowNamed(grid, /High fit/)).toEqual(['High fit', '30', '60', '40']);
    expect(rowNamed(grid, /Medium fit/)).toEqual(['Medium fit', '150', '80', '40']);
    expect(rowNamed(grid, /Low fit/)).toEqual(['Low fit', '400', '90', '10']);
    expect(screen.getByText(/120 of 900 scored users qualify/)).toBeTruthy();
  });
});
