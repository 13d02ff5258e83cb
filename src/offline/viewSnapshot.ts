/**
 * A picture of the file view as it last settled for an address: its elements, attributes and
 * text as data (never as HTML), with the stylesheets it was drawn with. index.html paints it on a
 * return visit before the app's script has run, over the page, and takes it away when the app's
 * own tree is there (src/app/keepViewSnapshot.ts takes it, snapshotShelf.ts keeps it,
 * index.html paints it).
 *
 * The picture is inert by construction: nothing that runs script, navigates or loads anything is
 * kept (event handler attributes, links, sources, scripts, frames, media), and text from the file
 * goes back only as text nodes and attribute values, never through an HTML parser.
 */

/** An element: tag, SVG or not, attributes, children (text as strings). */
export interface SnapshotElement {
  t: string;
  svg?: 1;
  a?: [string, string][];
  c?: SnapshotNode[];
}
export type SnapshotNode = SnapshotElement | string;

export interface ViewSnapshot {
  /** The address's query (`location.search`) it was taken at, its key. */
  search: string;
  /** The app's build it was drawn by (its entry script's address): another build's is not shown. */
  build: string;
  /**
   * The file's version whose blocks were kept then, with the key they are kept under (index.html
   * reads the kept identity by it): shown only while the same version is kept.
   */
  identity: { key: string; size: number; validator: string | null };
  /** The page's stylesheets' rules, applied to the picture alone. */
  css: string;
  /** The children of the app's root element. */
  nodes: SnapshotNode[];
  /** Scrolled elements: index in document order (elements only), top, left. */
  scrolls: [number, number, number][];
  /** Rows of the tree in the picture: the app's tree replaces it once it has as many. */
  treeRows: number;
}

export const SVG_NAMESPACE = 'http://www.w3.org/2000/svg';

/** Elements left out with their content: they run, load or play something, or draw pixels. */
const LEFT_OUT = new Set([
  'script',
  'style',
  'link',
  'meta',
  'template',
  'noscript',
  'iframe',
  'object',
  'embed',
  'canvas',
  'video',
  'audio',
  'img',
  'picture',
  'source',
  'foreignobject',
  'use',
  'image',
]);

/** Attributes that navigate, load or focus; every `on…` handler is left out too. */
const DROPPED_ATTRIBUTES = new Set([
  'href',
  'xlink:href',
  'src',
  'srcset',
  'action',
  'formaction',
  'poster',
  'ping',
  'background',
  'autofocus',
  'tabindex',
  'contenteditable',
  // A field's text is never kept: keys and tokens are typed into fields.
  'value',
]);

/** Whether an attribute is kept in a picture (index.html applies the same rule when painting). */
export function keptAttribute(name: string): boolean {
  const lower = name.toLowerCase();
  return !lower.startsWith('on') && !DROPPED_ATTRIBUTES.has(lower);
}

/** Marks an element whose content changes on its own (live figures): drawn empty in a picture. */
export const SNAPSHOT_SKIP_ATTRIBUTE = 'data-snapshot-skip';

/** The part of a DOM node a picture reads (a real Element or Text; tests pass plain objects). */
export interface PictureSource {
  nodeType: number;
  nodeValue?: string | null;
  localName?: string;
  namespaceURI?: string | null;
  attributes?: ArrayLike<{ name: string; value: string }>;
  childNodes?: ArrayLike<PictureSource>;
  scrollTop?: number;
  scrollLeft?: number;
  /** A box's or a choice's state, which its attributes do not show. */
  checked?: unknown;
  selected?: unknown;
}

export interface PictureLimits {
  /** More elements than this: no picture (a view that big is not worth painting twice). */
  maxElements: number;
  /**
   * Elements left out with their content although they could be drawn: the caller's say, e.g.
   * those wholly below the window, which nobody sees before the app's own view replaces the
   * picture and which cost its first layout most (a preview's rows).
   */
  leaveOut?: (element: PictureSource) => boolean;
}

export interface Picture {
  nodes: SnapshotNode[];
  scrolls: [number, number, number][];
  elements: number;
}

const ELEMENT = 1;
const TEXT = 3;

/** The picture of `root`'s children; null when there are more elements than the limits allow. */
export function pictureOf(root: PictureSource, limits: PictureLimits): Picture | null {
  let elements = 0;
  const scrolls: [number, number, number][] = [];
  const visit = (node: PictureSource): SnapshotNode | null => {
    if (node.nodeType === TEXT) return node.nodeValue ?? '';
    if (node.nodeType !== ELEMENT || !node.localName) return null;
    const svg = node.namespaceURI === SVG_NAMESPACE;
    const tag = node.localName;
    if (LEFT_OUT.has(tag.toLowerCase()) || limits.leaveOut?.(node)) return null;
    if (++elements > limits.maxElements) throw new TooBig();
    const index = elements - 1;
    const attributes = attributesOf(node);
    const top = node.scrollTop ?? 0;
    const left = node.scrollLeft ?? 0;
    if (top !== 0 || left !== 0) scrolls.push([index, top, left]);
    const element: SnapshotElement = { t: tag };
    if (svg) element.svg = 1;
    if (attributes.length > 0) element.a = attributes;
    const skipped = attributes.some(([name]) => name === SNAPSHOT_SKIP_ATTRIBUTE);
    if (!skipped) {
      // A field's text is never kept (keys and tokens are typed into fields).
      const children = tag === 'textarea' ? [] : childrenOf(node, visit);
      if (children.length > 0) element.c = children;
    }
    return element;
  };
  try {
    return { nodes: childrenOf(root, visit), scrolls, elements };
  } catch (error) {
    if (error instanceof TooBig) return null;
    throw error;
  }
}

class TooBig extends Error {}

function childrenOf(
  node: PictureSource,
  visit: (child: PictureSource) => SnapshotNode | null,
): SnapshotNode[] {
  const out: SnapshotNode[] = [];
  const children = node.childNodes ?? [];
  for (let i = 0; i < children.length; i++) {
    const child = visit(children[i]!);
    if (child !== null) out.push(child);
  }
  return out;
}

/** Kept attributes, with a box's or a choice's current state written in as one. */
function attributesOf(node: PictureSource): [string, string][] {
  const out: [string, string][] = [];
  const attributes = node.attributes ?? [];
  for (let i = 0; i < attributes.length; i++) {
    const { name, value } = attributes[i]!;
    if (!keptAttribute(name) || name === 'checked' || name === 'selected') continue;
    out.push([name, value]);
  }
  if (node.localName === 'input' && node.checked === true) out.push(['checked', '']);
  if (node.localName === 'option' && node.selected === true) out.push(['selected', '']);
  return out;
}
