import { useState } from 'preact/hooks';
import type { Format } from '../format';
import { isDay, lastDays, type Range } from '../routes';

const PRESETS = [7, 30, 90] as const;

/** The metrics' date range: two day fields and the usual presets. Days are UTC. */
export function RangePicker(props: {
  range: Range;
  now: number;
  fmt: Format;
  onChange: (range: Range) => void;
}) {
  const { range, now, onChange } = props;
  const [error, setError] = useState<string | null>(null);
  return (
    <form
      class="range"
      aria-label="Date range"
      // The fields are re-created with the range so they show it after a preset or Back.
      key={`${range.from}/${range.to}`}
      onSubmit={(event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        const from = String(data.get('from') ?? '');
        const to = String(data.get('to') ?? '');
        if (!isDay(from) || !isDay(to)) {
          setError('Enter both days as dates.');
        } else if (from > to) {
          setError('The first day must not be after the last day.');
        } else {
          setError(null);
          onChange({ from, to });
        }
      }}
    >
      <fieldset class="range-presets">
        <legend class="visually-hidden">Quick ranges</legend>
        {PRESETS.map((days) => {
          const preset = lastDays(days, now);
          const active = preset.from === range.from && preset.to === range.to;
          return (
            <button
              type="button"
              key={days}
              class="chip"
              aria-pressed={active}
              onClick={() => {
                setError(null);
                onChange(preset);
              }}
            >
              Last {days} days
            </button>
          );
        })}
      </fieldset>
      <div class="range-fields">
        <label>
          <span>From</span>
          <input type="date" name="from" defaultValue={range.from} required />
        </label>
        <label>
          <span>To</span>
          <input type="date" name="to" defaultValue={range.to} required />
        </label>
        <button type="submit" class="button">
          Apply
        </button>
      </div>
      {error && (
        <p class="field-error" role="alert">
          {error}
        </p>
      )}
    </form>
  );
}
