import { signal } from '@preact/signals';
import { fireEvent, waitFor, within } from '@testing-library/preact';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ChecklistItemView, ChecklistView } from '../../core/engine';
import { WIDGET_STRINGS_EN } from '../../core/i18n/widget-strings';
import type { Onboarding } from '../../widget/src/onboarding/model';
import { mountChecklist } from '../../widget/src/surfaces/checklist/mount';
import { settle } from '../helpers/widget-harness';

const item = (id: string, title: string): ChecklistItemView => ({
  id,
  title,
  body: null,
  action: { type: 'event', event: `open-${id}` },
  done: false,
  doneAt: null,
  locked: false,
});

const list = (items: ChecklistItemView[]): ChecklistView => ({
  id: 'start',
  title: 'Get started',
  description: null,
  completeText: null,
  order: 'any',
  dismissible: true,
  items,
  doneCount: 0,
  total: items.length,
  complete: false,
  completedAt: null,
});

/** The parts of the onboarding model the surface reads, as signals a test can set. */
function fakeModel(first: ChecklistView) {
  const current = signal<ChecklistView | null>(first);
  const model = {
    current,
    restorable: signal(null),
    open: signal(true),
    rtl: signal(false),
    locale: signal('en'),
    strings: signal(WIDGET_STRINGS_EN),
    announcement: signal(''),
    celebrating: signal(null),
    target: signal(null),
    toggle: vi.fn(),
    close: vi.fn(),
    dismiss: vi.fn(),
    restore: vi.fn(),
    runAction: vi.fn(),
    clearTarget: vi.fn(),
  };
  return model as unknown as Onboarding & { current: typeof current };
}

const unmounts: Array<() => void> = [];
afterEach(() => {
  for (const unmount of unmounts.splice(0)) unmount();
});

describe('the checklist surface', () => {
  it('keeps focus on the same item when an item is inserted before it', async () => {
    const model = fakeModel(list([item('invite', 'Invite a teammate'), item('send', 'Send')]));
    unmounts.push(mountChecklist(document, model, {}, vi.fn()));
    await settle();
    const shadow = document.querySelector('ahakit-widget')!.shadowRoot!;
    const ui = within(shadow as unknown as HTMLElement);
    const send = ui.getByRole('button', { name: 'Send' });
    send.focus();
    expect(shadow.activeElement).toBe(send);

    model.current.value = list([
      item('channel', 'Create a channel'),
      item('invite', 'Invite a teammate'),
      item('send', 'Send'),
    ]);
    await waitFor(() => expect(ui.getAllByRole('listitem')).toHaveLength(3));
    // The element that had focus still shows the item it showed, and still has focus.
    expect(shadow.activeElement).toBe(send);
    expect(send.textContent).toBe('Send');
    expect(send.isConnected).toBe(true);
  });

  it('names each item by its title and runs the item’s action', async () => {
    const model = fakeModel(list([item('invite', 'Invite a teammate')]));
    unmounts.push(mountChecklist(document, model, {}, vi.fn()));
    await settle();
    const ui = within(
      document.querySelector('ahakit-widget')!.shadowRoot as unknown as HTMLElement,
    );
    fireEvent.click(ui.getByRole('button', { name: 'Invite a teammate' }));
    expect(model.runAction).toHaveBeenCalledWith(
      expect.objectContaining({ id: 'start' }),
      expect.objectContaining({ id: 'invite' }),
    );
  });

  it('warns once and leaves the page alone when rendering fails', async () => {
    const model = fakeModel(list([item('invite', 'Invite a teammate')]));
    const warn = vi.fn();
    // A model that breaks while rendering (a config the collector should have refused).
    Object.defineProperty(model.strings, 'value', {
      get() {
        throw new Error('broken strings');
      },
    });
    unmounts.push(mountChecklist(document, model, {}, warn));
    await settle();
    expect(warn).toHaveBeenCalledTimes(1);
    expect(warn.mock.calls[0]![0]).toBe('the checklist failed');
    expect(document.querySelector('ahakit-widget')!.shadowRoot!.querySelector('button')).toBeNull();
  });
});
