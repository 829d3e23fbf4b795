import { useLayoutEffect, useRef } from 'preact/hooks';
import type { ChecklistView } from '../../../../core/engine';
import { Item } from './Item';
import type { View } from './view';

/**
 * The checklist: a non-modal region (a labelled `<section>`) labelled by its title.
 * Opening moves focus into it, so the next Tab is in the checklist; Esc or Close closes
 * it and gives focus back to the launcher.
 */
export function Panel({ view, list }: { view: View; list: ChecklistView }) {
  const { model, run } = view;
  const open = model.open.value;
  const s = model.strings.value;
  const panel = useRef<HTMLElement>(null);
  useLayoutEffect(() => {
    if (open) panel.current?.focus();
  }, [open]);
  const close = run(() => {
    model.close();
    view.focusLauncher();
  });

  return (
    <section
      ref={panel}
      id="ak-panel"
      class="ak-panel"
      aria-labelledby="ak-title"
      tabIndex={-1}
      hidden={!open}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          close();
        }
      }}
    >
      <div class="ak-head">
        <h2 id="ak-title" class="ak-title">
          {list.title}
        </h2>
        <button type="button" class="ak-x" aria-label={s.close} onClick={close}>
          ×
        </button>
      </div>
      {list.description && <p class="ak-desc">{list.description}</p>}
      <div
        class="ak-bar"
        role="progressbar"
        aria-label={s.progress}
        aria-valuemin={0}
        aria-valuemax={list.total}
        aria-valuenow={list.doneCount}
      >
        <div class="ak-fill" style={{ width: `${(list.doneCount / list.total) * 100}%` }} />
      </div>
      {list.complete && (
        <p class={`ak-done${model.celebrating.value === list.id ? ' ak-celebrate' : ''}`}>
          <strong>{s.allDone}</strong> {list.completeText}
        </p>
      )}
      <ul class="ak-items">
        {list.items.map((item) => (
          <Item key={item.id} view={view} list={list} item={item} />
        ))}
      </ul>
      {list.dismissible && (
        <div class="ak-foot">
          <button type="button" class="ak-link" onClick={run(() => model.dismiss(list.id))}>
            {s.dismiss}
          </button>
        </div>
      )}
    </section>
  );
}
