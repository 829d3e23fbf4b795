import { describe, expect, it } from 'vitest';
import { publicConfig } from '../../core/config/public-config';
import { configSchema } from '../../core/config/schema';
import { fillText, type Inline, plainText, renderText, type TextNode } from '../../core/engine';

const t = (text: string): Inline => ({ type: 'text', text });

/** Every link address in a tree. */
const hrefs = (nodes: readonly Inline[]): string[] =>
  nodes.flatMap((n) =>
    n.type === 'text' ? [] : [...(n.type === 'link' ? [n.href] : []), ...hrefs(n.children)],
  );

describe('nudge text formatting', () => {
  it('renders bold, italic and http(s) links as nodes, never as HTML', () => {
    expect(
      renderText('**Pro** has *no* limit: [see plans](https://teamchat.example/pricing).'),
    ).toEqual([
      { type: 'strong', children: [t('Pro')] },
      t(' has '),
      { type: 'em', children: [t('no')] },
      t(' limit: '),
      { type: 'link', href: 'https://teamchat.example/pricing', children: [t('see plans')] },
      t('.'),
    ]);
  });

  it('nests formatting, and formatting inside a link', () => {
    expect(renderText('***both*** and [**bold link**](http://x.example)')).toEqual([
      { type: 'strong', children: [{ type: 'em', children: [t('both')] }] },
      t(' and '),
      {
        type: 'link',
        href: 'http://x.example',
        children: [{ type: 'strong', children: [t('bold link')] }],
      },
    ]);
    expect(renderText('*a **b** c*')).toEqual([
      { type: 'em', children: [t('a '), { type: 'strong', children: [t('b')] }, t(' c')] },
    ]);
  });

  it('keeps unbalanced or spaced markers as literal text', () => {
    expect(renderText('**bold')).toEqual([t('**bold')]);
    expect(renderText('2 * 3 * 4')).toEqual([t('2 * 3 * 4')]);
    expect(renderText('*a **b*')).toEqual([{ type: 'em', children: [t('a **b')] }]);
    expect(renderText('[unclosed](https://x.example')).toEqual([t('[unclosed](https://x.example')]);
    expect(renderText('\\*not italic\\* and \\{{user.name}}')).toEqual([
      t('*not italic* and {{user.name}}'),
    ]);
  });

  it('fills placeholders from user and account traits, with defaults', () => {
    const vars = { user: { firstName: 'Ada', seats: 3, pro: false }, account: { name: 'Acme' } };
    expect(plainText(renderText('Hi {{user.firstName|there}} of {{ account.name }}', vars))).toBe(
      'Hi Ada of Acme',
    );
    expect(plainText(renderText('Hi {{user.firstName|there}}!', {}))).toBe('Hi there!');
    expect(plainText(renderText('Hi {{user.lastName}}!', vars))).toBe('Hi !');
    expect(plainText(renderText('{{user.seats}} seats, pro: {{user.pro}}', vars))).toBe(
      '3 seats, pro: false',
    );
    expect(
      plainText(renderText('Hi {{user.firstName|there}}', { user: { firstName: '  ' } })),
    ).toBe('Hi there');
    expect(plainText(renderText('{{user.profile|x}}', { user: { profile: { a: 1 } } }))).toBe('x');
    expect(plainText(renderText('{{user.constructor|x}}', { user: {} }))).toBe('x');
    expect(plainText(renderText('{{nope.a|x}} {{plain|y}}', vars))).toBe('x y');
  });
});

describe('nudge text with hostile input', () => {
  const payloads = [
    '<img src=x onerror=alert(1)>',
    '<script>alert(1)</script>',
    '"><svg onload=alert(1)>',
    '**bold** [x](https://evil.example) *em*',
    '{{user.secret}}',
    'javascript:alert(1)',
  ];

  it('shows HTML in config text as the text it is', () => {
    expect(renderText('<img src=x onerror=alert(1)> **hi**')).toEqual([
      t('<img src=x onerror=alert(1)> '),
      { type: 'strong', children: [t('hi')] },
    ]);
  });

  it('reduces links that are not http(s) to their text', () => {
    for (const href of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      '//evil.example',
      '/relative',
      'https:',
      'java\tscript:alert(1)',
    ]) {
      const nodes = renderText(`[click me](${href}) now`);
      expect(hrefs(nodes)).toEqual([]);
      expect(plainText(nodes)).toMatch(/click me/);
    }
    expect(renderText('[x](JaVaScRiPt:alert(1))')).toEqual([t('[x](JaVaScRiPt:alert(1))')]);
    expect(renderText('[x](javascript:void)')).toEqual([t('x')]);
  });

  it.each(payloads)('keeps the trait %j as literal text in a placeholder', (payload) => {
    const nodes = renderText('Hi {{user.name|there}}!', { user: { name: payload } });
    expect(nodes).toEqual([t(`Hi ${payload}!`)]);
  });

  it('keeps a trait as text inside formatting and link labels', () => {
    const vars = { user: { name: '<script>alert(1)</script>', team: '[x](javascript:alert(1))' } };
    expect(renderText('**{{user.name}}** [{{user.team}}](https://ok.example)', vars)).toEqual([
      { type: 'strong', children: [t('<script>alert(1)</script>')] },
      t(' '),
      { type: 'link', href: 'https://ok.example', children: [t('[x](javascript:alert(1))')] },
    ]);
  });

  it('never resolves placeholders inside link addresses', () => {
    const nodes = renderText('[go](https://x.example/{{user.id}})', { user: { id: '../admin' } });
    expect(hrefs(nodes)).toEqual(['https://x.example/{{user.id}}']);
  });

  it('survives deeply nested and pathological markers', () => {
    const deep = `${'*'.repeat(2000)}x${'*'.repeat(2000)}`;
    expect(plainText(renderText(deep))).toContain('x');
    const brackets = `${'['.repeat(1000)}](https://x.example)`;
    expect(plainText(renderText(brackets))).toContain('[');
    expect(renderText('')).toEqual([]);
  });
});

describe('nudge texts as the collector serves them', () => {
  const config = configSchema.parse({
    product: { name: 'T' },
    locales: { default: 'en', supported: ['en', 'pl'] },
    signals: [{ id: 'pricing', type: 'page', path: '/pricing' }],
    nudges: [
      {
        id: 'sales',
        kind: 'card',
        trigger: { signal: 'pricing' },
        content: {
          title: { en: 'Hi {{user.firstName|there}}', pl: 'Cześć {{user.firstName|}}' },
          body: 'See **plans**',
        },
        cta: { label: 'Talk to sales', action: { type: 'talk_to_sales' } },
      },
    ],
  });

  it('parses every nudge text once, per locale, placeholders left to fill in', () => {
    const nudge = publicConfig(config).nudges![0]!;
    expect(nudge.content.title).toEqual({
      en: [t('Hi '), { type: 'var', name: 'user.firstName', fallback: 'there' }],
      pl: [t('Cześć '), { type: 'var', name: 'user.firstName', fallback: '' }],
    });
    expect(nudge.content.body).toEqual([t('See '), { type: 'strong', children: [t('plans')] }]);
    expect(nudge.cta?.label).toEqual([t('Talk to sales')]);
    // The config itself is left as written.
    expect(config.nudges![0]!.content.body).toBe('See **plans**');
  });

  it('fills in what it parsed exactly as rendering the text does', () => {
    const vars = { user: { firstName: 'Ada' } };
    const title = publicConfig(config).nudges![0]!.content.title as Record<string, TextNode[]>;
    expect(fillText(title.en!, vars)).toEqual(renderText('Hi {{user.firstName|there}}', vars));
    expect(fillText(title.en!, {})).toEqual([t('Hi there')]);
  });

  it('skips whatever is not shaped like a parsed text, never throwing', () => {
    const junk = JSON.parse(`[
      {"type":"text","text":{"type":"script","props":{}}},
      {"type":"var","name":"user.x","fallback":{"type":"img"}},
      {"type":"strong","children":"not an array"},
      {"type":"link","href":{"toString":1},"children":[{"type":"text","text":"t"}]},
      null, 7, "str", {"type":"unknown"},
      {"type":"text","text":"ok"}
    ]`);
    expect(fillText(junk)).toEqual([{ type: 'strong', children: [] }, t('tok')]);
    expect(fillText('a string' as never)).toEqual([]);
    expect(fillText(null as never)).toEqual([]);
  });
});
