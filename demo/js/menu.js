/**
 * The WAI-ARIA menu button pattern: Enter, Space or ↓ opens the menu on its first item,
 * ↑ ↓ Home End move, Esc closes back to the button, Tab or a click outside closes it.
 * `popup` is what shows and hides: the menu itself, or a panel around it.
 */
export function wireMenuButton(button, menu, popup = menu) {
  const items = () => [...menu.querySelectorAll('[role="menuitem"]')];
  const isOpen = () => button.getAttribute('aria-expanded') === 'true';

  function open(focus = 'first') {
    button.setAttribute('aria-expanded', 'true');
    popup.hidden = false;
    const list = items();
    (focus === 'last' ? list.at(-1) : list[0])?.focus();
    document.addEventListener('pointerdown', onOutside, true);
  }

  function close({ restoreFocus = true } = {}) {
    if (!isOpen()) return;
    button.setAttribute('aria-expanded', 'false');
    popup.hidden = true;
    document.removeEventListener('pointerdown', onOutside, true);
    if (restoreFocus) button.focus();
  }

  function onOutside(event) {
    if (!button.contains(event.target) && !popup.contains(event.target)) {
      close({ restoreFocus: false });
    }
  }

  button.setAttribute('aria-haspopup', 'menu');
  button.setAttribute('aria-expanded', 'false');
  button.setAttribute('aria-controls', menu.id);
  popup.hidden = true;

  button.addEventListener('click', () => (isOpen() ? close() : open()));
  button.addEventListener('keydown', (event) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      open(event.key === 'ArrowUp' ? 'last' : 'first');
    }
  });
  popup.addEventListener('keydown', (event) => {
    const list = items();
    const index = list.indexOf(document.activeElement);
    const moves = {
      ArrowDown: () => list[(index + 1) % list.length],
      ArrowUp: () => list[(index - 1 + list.length) % list.length],
      Home: () => list[0],
      End: () => list.at(-1),
    };
    if (moves[event.key]) {
      event.preventDefault();
      moves[event.key]()?.focus();
    } else if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Tab') {
      close({ restoreFocus: false });
    }
  });
  menu.addEventListener('click', (event) => {
    if (event.target.closest('[role="menuitem"]')) close({ restoreFocus: false });
  });

  return { close };
}
