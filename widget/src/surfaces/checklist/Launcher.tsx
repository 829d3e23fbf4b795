import type { ChecklistView } from '../../../../core/engine';
import { countText } from '../../strings';
import type { View } from './view';

/** The small button in the corner: "2 of 5", named "Get started with TeamChat, 2 of 5 done". */
export function Launcher({ view, list }: { view: View; list: ChecklistView }) {
  const { model } = view;
  const s = model.strings.value;
  const count = countText(s, list.doneCount, list.total);
  return (
    <button
      type="button"
      class="ak-launcher"
      aria-label={`${list.title}, ${count} ${s.done}`}
      aria-expanded={model.open.value}
      aria-controls="ak-panel"
      onClick={view.run(model.toggle)}
    >
      {count}
    </button>
  );
}
