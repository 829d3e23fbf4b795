import type { ChecklistItemView, ChecklistView } from '../../../../core/engine';
import type { View } from './view';

interface Props {
  view: View;
  list: ChecklistView;
  item: ChecklistItemView;
}

/**
 * One step: a tick when done, its title (a button named by the title when it has an
 * action; disabled, with the reason, while an earlier step of a sequential list is open)
 * and its body.
 */
export function Item({ view, list, item }: Props) {
  const { model } = view;
  const s = model.strings.value;
  const why = `ak-why-${item.id}`;
  return (
    <li class={`ak-item${item.done ? ' ak-is-done' : ''}`}>
      <span class="ak-check" aria-hidden="true">
        {item.done ? '✓' : ''}
      </span>
      <div>
        {item.action ? (
          <button
            type="button"
            class="ak-name"
            disabled={item.locked}
            aria-describedby={item.locked ? why : undefined}
            onClick={view.run(() => model.runAction(list, item))}
          >
            {item.title}
          </button>
        ) : (
          <span class="ak-name">{item.title}</span>
        )}
        {item.done && <span class="ak-sr"> ({s.done})</span>}
        {item.body && <p class="ak-body">{item.body}</p>}
        {item.locked && (
          <p id={why} class="ak-why">
            {s.locked}
          </p>
        )}
      </div>
    </li>
  );
}
