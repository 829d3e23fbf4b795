import { themeVars } from '../theme';
import { Launcher } from './Launcher';
import { Panel } from './Panel';
import type { View } from './view';

/** The launcher and its panel, a polite live region, and the ring around a pointed-at element. */
export function App({ view }: { view: View }) {
  const { model, theme, run } = view;
  const list = model.current.value;
  const restorable = model.restorable.value;
  const rect = view.ring.value;
  return (
    <div
      class={`ak-root${theme.position === 'bottom-left' ? ' ak-start' : ''}`}
      dir={model.rtl.value ? 'rtl' : 'ltr'}
      lang={model.locale.value}
      style={themeVars(theme)}
    >
      {list && <Launcher view={view} list={list} />}
      {list && <Panel view={view} list={list} />}
      {restorable && (
        <button
          type="button"
          class="ak-launcher ak-small"
          onClick={run(() => model.restore(restorable.id))}
        >
          {model.strings.value.show}
        </button>
      )}
      <div class="ak-sr" aria-live="polite">
        {model.announcement.value}
      </div>
      {rect && (
        <div
          class="ak-ring"
          // Preact 11 sets numbers as they are; browsers ignore lengths without a unit.
          style={{
            top: `${rect.top}px`,
            left: `${rect.left}px`,
            width: `${rect.width}px`,
            height: `${rect.height}px`,
          }}
        />
      )}
    </div>
  );
}
