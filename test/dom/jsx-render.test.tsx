/** @jsxImportSource ../../widget/src/ui/jsx */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { render } from '../../widget/src/ui/jsx/jsx-runtime';

let container: HTMLElement;
afterEach(() => container?.remove());

function mount() {
  container = document.createElement('div');
  document.body.append(container);
  return container;
}

function Greeting({ name }: { name: string }) {
  return (
    <p class="hi">
      Hello, <strong>{name}</strong>
    </p>
  );
}

describe('the widget’s JSX renderer', () => {
  it('compiles JSX to plain {type, props} objects (this file uses the widget’s runtime)', () => {
    expect(Object.keys(<div id="x" />)).toEqual(['type', 'props']);
  });

  it('renders elements, components, fragments, arrays and skips empty values', () => {
    const root = mount();
    render(
      <div>
        <Greeting name="Ada" />
        {/* biome-ignore lint/complexity/noUselessFragments: rendering a fragment is what is tested */}
        <>
          {['a', 'b'].map((x) => (
            <i>{x}</i>
          ))}
        </>
        {null}
        {false}
        {undefined}
        {0}
      </div>,
      root,
    );
    expect(root.innerHTML).toBe(
      '<div><p class="hi">Hello, <strong>Ada</strong></p><i>a</i><i>b</i>0</div>',
    );
  });

  it('keeps elements across renders, so focus stays, and changes only what changed', () => {
    const root = mount();
    const view = (label: string, disabled: boolean) => (
      <section>
        <button type="button" disabled={disabled}>
          {label}
        </button>
      </section>
    );
    render(view('Save', false), root);
    const button = root.querySelector('button')!;
    button.focus();
    render(view('Saved', true), root);
    expect(root.querySelector('button')).toBe(button);
    expect(document.activeElement).toBe(button);
    expect(button.textContent).toBe('Saved');
    expect(button.hasAttribute('disabled')).toBe(true);
    render(view('Save', false), root);
    expect(button.hasAttribute('disabled')).toBe(false);
  });

  it('writes aria booleans as "true"/"false", other booleans as present or absent', () => {
    const root = mount();
    render(<button type="button" aria-expanded={false} hidden={true} />, root);
    const button = root.firstElementChild!;
    expect(button.getAttribute('aria-expanded')).toBe('false');
    expect(button.getAttribute('hidden')).toBe('');
    render(<button type="button" aria-expanded={true} hidden={false} />, root);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    expect(button.hasAttribute('hidden')).toBe(false);
    render(<button type="button" />, root);
    expect(button.hasAttribute('aria-expanded')).toBe(false);
  });

  it('swaps event handlers without stacking listeners, and removes them', () => {
    const root = mount();
    const first = vi.fn();
    const second = vi.fn();
    render(<button type="button" onClick={first} />, root);
    const button = root.querySelector('button')!;
    render(<button type="button" onClick={second} />, root);
    button.click();
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
    render(<button type="button" />, root);
    button.click();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('sets style objects, custom properties and camelCase names included', () => {
    const root = mount();
    render(<div style={{ '--a': '#4a154b', top: '4px', zIndex: 3 }} />, root);
    const div = root.firstElementChild as HTMLElement;
    expect(div.style.getPropertyValue('--a')).toBe('#4a154b');
    expect(div.style.top).toBe('4px');
    expect(div.style.zIndex).toBe('3');
    render(<div />, root);
    expect(div.getAttribute('style') ?? '').toBe('');
  });

  it('replaces an element whose tag changes and removes what is gone', () => {
    const root = mount();
    render(
      <ul>
        <li>one</li>
        <li>two</li>
        <li>three</li>
      </ul>,
      root,
    );
    const first = root.querySelector('li');
    render(
      <ul>
        <li>one</li>
        <p>two</p>
      </ul>,
      root,
    );
    expect(root.querySelector('li')).toBe(first);
    expect(root.innerHTML).toBe('<ul><li>one</li><p>two</p></ul>');
    render(null, root);
    expect(root.innerHTML).toBe('');
  });

  it('turns every string into text, never markup', () => {
    const root = mount();
    const payload = '<img src=x onerror="window.__pwned = 1">';
    render(<p title={payload}>{payload}</p>, root);
    expect(root.querySelector('img')).toBeNull();
    expect(root.textContent).toBe(payload);
    expect(root.querySelector('p')?.getAttribute('title')).toBe(payload);
  });

  it('renders an object that only looks like an element (from JSON) as nothing', () => {
    const root = mount();
    const forged = JSON.parse(
      '{"type":"script","props":{"children":"window.__pwned = 1","src":"javascript:alert(1)"}}',
    );
    render(<p>{forged as unknown as string} and text</p>, root);
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toBe(' and text');
  });

  it('keeps an empty slot’s place, so a sibling appearing before keeps focus where it was', () => {
    const root = mount();
    const view = (done: boolean) => (
      <section>
        {done && <p>All done</p>}
        <button type="button">Dismiss</button>
      </section>
    );
    render(view(false), root);
    const button = root.querySelector('button')!;
    button.focus();
    render(view(true), root);
    expect(root.querySelector('button')).toBe(button);
    expect(document.activeElement).toBe(button);
    expect(root.textContent).toBe('All doneDismiss');
  });

  it('sets each style property on its own: a value cannot add declarations', () => {
    const root = mount();
    render(<div style={{ '--a': 'red;position:fixed', top: '1px;left:99px' }} />, root);
    const div = root.firstElementChild as HTMLElement;
    expect(div.style.position).toBe('');
    expect(div.style.left).toBe('');
  });
});
