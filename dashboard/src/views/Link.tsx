import type { ComponentChildren } from 'preact';
import type { Dashboard } from '../model';

/** An ordinary link that navigates inside the dashboard without reloading it. */
export function Link(props: {
  model: Dashboard;
  href: string;
  class?: string;
  current?: boolean;
  children: ComponentChildren;
}) {
  const { model, href, children } = props;
  return (
    <a
      href={href}
      class={props.class}
      aria-current={props.current ? 'page' : undefined}
      onClick={(event) => {
        // Let the browser open new tabs and windows as usual.
        if (
          event.button !== 0 ||
          event.metaKey ||
          event.ctrlKey ||
          event.shiftKey ||
          event.altKey
        ) {
          return;
        }
        event.preventDefault();
        model.navigate(href);
      }}
    >
      {children}
    </a>
  );
}
