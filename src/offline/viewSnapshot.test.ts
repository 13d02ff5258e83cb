import { describe, expect, it } from 'vitest';
import { keptAttribute, pictureOf, SVG_NAMESPACE, type PictureSource } from './viewSnapshot';

const HTML = 'http://www.w3.org/1999/xhtml';

/** A DOM element as the picture reads it. */
function el(
  tag: string,
  attributes: Record<string, string> = {},
  children: PictureSource[] = [],
  extra: Partial<PictureSource> = {},
): PictureSource {
  return {
    nodeType: 1,
    localName: tag,
    namespaceURI: HTML,
    attributes: Object.entries(attributes).map(([name, value]) => ({ name, value })),
    childNodes: children,
    ...extra,
  };
}
const text = (value: string): PictureSource => ({ nodeType: 3, nodeValue: value });
const root = (...children: PictureSource[]) => el('div', {}, children);

describe('pictureOf', () => {
  it('keeps elements, attributes and text as data, markup in text included', () => {
    const picture = pictureOf(
      root(
        el('ul', { role: 'tree', class: 'tree' }, [
          el('li', { title: '<b>x</b>' }, [text('<img src=x onerror=alert(1)>')]),
        ]),
      ),
      { maxElements: 100 },
    );
    expect(picture?.nodes).toEqual([
      {
        t: 'ul',
        a: [
          ['role', 'tree'],
          ['class', 'tree'],
        ],
        c: [{ t: 'li', a: [['title', '<b>x</b>']], c: ['<img src=x onerror=alert(1)>'] }],
      },
    ]);
    expect(picture?.elements).toBe(2);
  });

  it('leaves out what runs, loads, navigates or takes focus', () => {
    const picture = pictureOf(
      root(
        el('script', {}, [text('alert(1)')]),
        el('iframe', { src: 'https://example.org/' }),
        el('img', { src: 'x' }),
        el('canvas'),
        el('button', {
          onclick: 'alert(1)',
          OnMouseOver: 'alert(2)',
          tabindex: '0',
          autofocus: '',
          class: 'b',
        }),
        el('a', { href: 'javascript:alert(1)', class: 'link' }, [text('go')]),
      ),
      { maxElements: 100 },
    );
    expect(picture?.nodes).toEqual([
      { t: 'button', a: [['class', 'b']] },
      { t: 'a', a: [['class', 'link']], c: ['go'] },
    ]);
  });

  it("never keeps a field's text, but keeps a box's or a choice's state", () => {
    const picture = pictureOf(
      root(
        el('input', { type: 'password', value: 'secret' }, [], { checked: false }),
        el('input', { type: 'text', value: 'AKIA…' }),
        el('textarea', {}, [text('a token')]),
        el('input', { type: 'checkbox' }, [], { checked: true }),
        el('select', {}, [
          el('option', { value: '8' }, [text('8')], { selected: false }),
          el('option', { value: '16' }, [text('16')], { selected: true }),
        ]),
      ),
      { maxElements: 100 },
    );
    expect(picture?.nodes).toEqual([
      { t: 'input', a: [['type', 'password']] },
      { t: 'input', a: [['type', 'text']] },
      { t: 'textarea' },
      {
        t: 'input',
        a: [
          ['type', 'checkbox'],
          ['checked', ''],
        ],
      },
      {
        t: 'select',
        c: [
          { t: 'option', c: ['8'] },
          { t: 'option', a: [['selected', '']], c: ['16'] },
        ],
      },
    ]);
  });

  it('draws a live element empty, and notes scrolled elements by their order', () => {
    const picture = pictureOf(
      root(
        el('main', {}, [el('div', { class: 'pane' }, [el('p')], { scrollTop: 120 })]),
        el('footer', { 'data-snapshot-skip': '' }, [el('span', {}, [text('3 requests')])]),
      ),
      { maxElements: 100 },
    );
    expect(picture?.nodes[1]).toEqual({ t: 'footer', a: [['data-snapshot-skip', '']] });
    // main is 0, the pane 1, its paragraph 2.
    expect(picture?.scrolls).toEqual([[1, 120, 0]]);
  });

  it('marks SVG elements, so they are built in their namespace', () => {
    const picture = pictureOf(
      root(
        el(
          'svg',
          { viewBox: '0 0 16 16' },
          [el('path', { d: 'M0 0' }, [], { namespaceURI: SVG_NAMESPACE })],
          { namespaceURI: SVG_NAMESPACE },
        ),
      ),
      { maxElements: 100 },
    );
    expect(picture?.nodes).toEqual([
      {
        t: 'svg',
        svg: 1,
        a: [['viewBox', '0 0 16 16']],
        c: [{ t: 'path', svg: 1, a: [['d', 'M0 0']] }],
      },
    ]);
  });

  it('leaves out what the caller says, with its content, without counting it', () => {
    const rows = Array.from({ length: 5 }, (_, i) =>
      el('tr', { 'data-row': String(i) }, [el('td', {}, [text(String(i))])]),
    );
    const picture = pictureOf(root(el('table', {}, rows)), {
      maxElements: 100,
      leaveOut: (node) => Number(node.attributes?.[0]?.value) >= 2,
    });
    expect(picture?.nodes).toEqual([
      {
        t: 'table',
        c: [
          { t: 'tr', a: [['data-row', '0']], c: [{ t: 'td', c: ['0'] }] },
          { t: 'tr', a: [['data-row', '1']], c: [{ t: 'td', c: ['1'] }] },
        ],
      },
    ]);
    expect(picture?.elements).toBe(5);
  });

  it('gives no picture of a view with more elements than allowed', () => {
    const many = root(...Array.from({ length: 11 }, () => el('div')));
    expect(pictureOf(many, { maxElements: 10 })).toBeNull();
    expect(pictureOf(many, { maxElements: 11 })?.elements).toBe(11);
  });
});

describe('keptAttribute', () => {
  it.each(['onclick', 'ONLOAD', 'href', 'xlink:href', 'src', 'srcset', 'formaction', 'value'])(
    'drops %s',
    (name) => expect(keptAttribute(name)).toBe(false),
  );
  it.each(['class', 'style', 'title', 'aria-selected', 'data-path', 'role', 'd'])(
    'keeps %s',
    (name) => expect(keptAttribute(name)).toBe(true),
  );
});
