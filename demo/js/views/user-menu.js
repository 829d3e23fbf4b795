import { avatar } from '../avatar.js';
import { h, uniqueId } from '../dom.js';
import { t } from '../i18n.js';
import { icon } from '../icons.js';
import { wireMenuButton } from '../menu.js';
import { roleLabel, signOut } from '../session.js';

/** The signed-in person's button (named after them) and its menu with "Sign out". */
export function userMenu({ store, navigate }, user) {
  const menuId = uniqueId('user-menu');
  const button = h(
    'button',
    { type: 'button', class: 'user-button' },
    h('span', { class: 'presence', 'aria-hidden': 'true' }),
    h('span', { class: 'user-button-name', dir: 'auto' }, user.name),
    icon('chevronDown', { size: 14 }),
  );
  const menu = h(
    'ul',
    { role: 'menu', id: menuId, class: 'menu-items', 'aria-label': user.name },
    h(
      'li',
      { role: 'none' },
      h(
        'a',
        { role: 'menuitem', tabindex: '-1', href: '/pricing', class: 'menu-item' },
        icon('tag', { size: 16 }),
        t('menu.billing'),
      ),
    ),
    h(
      'li',
      { role: 'none' },
      h(
        'button',
        {
          type: 'button',
          role: 'menuitem',
          tabindex: '-1',
          class: 'menu-item',
          onClick: () => {
            signOut(store);
            navigate('/');
          },
        },
        icon('logOut', { size: 16 }),
        t('menu.signOut'),
      ),
    ),
  );
  const popup = h(
    'div',
    { class: 'menu-popover' },
    h(
      'div',
      { class: 'menu-profile' },
      avatar(user, { size: 'lg' }),
      h(
        'div',
        {},
        h('p', { class: 'menu-profile-name' }, user.name),
        h('p', { class: 'menu-profile-meta' }, user.email),
        user.role ? h('p', { class: 'menu-profile-meta' }, roleLabel(user.role)) : null,
      ),
    ),
    menu,
  );
  wireMenuButton(button, menu, popup);
  return h('div', { class: 'user-menu' }, button, popup);
}
