/**
 * The small parts of a package (`[Content_Types].xml`, `xl/workbook.xml`, relationships, table and
 * styles parts) as ordered XML trees, through `fast-xml-parser`: parsed, looked up by local name
 * (any namespace prefix, as writers differ: Excel writes none, the Open XML SDK writes `x:`),
 * changed, and built back. Element order, attributes and text are kept, so a part that is changed
 * keeps everything it held besides the change. The big parts (sheets, shared strings) never come
 * here: they are streamed (see `sheetReader.ts`).
 *
 * A node in the ordered form is `{ tag: children[], ":@": { attribute: value } }` or `{ "#text": … }`.
 * Cost: O(part size).
 *
 * @example
 * const tree = parseXml('<sheets><sheet name="A &amp; B"/></sheets>');
 * attribute(findFirst(tree, "sheet")!, "name"); // => "A & B"
 */
import { XMLBuilder, XMLParser } from "fast-xml-parser";

/** One node of the ordered tree (an element, text, a comment or the XML declaration). */
export type XmlNode = Record<string, unknown>;

const ATTRIBUTES = ":@";

const OPTIONS = {
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: "",
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: false,
  ignorePiTags: false,
  commentPropName: "#comment",
  cdataPropName: "#cdata",
} as const;

const parser = new XMLParser(OPTIONS);
const builder = new XMLBuilder({ ...OPTIONS, suppressEmptyNode: true, format: false });

/** The part's text as an ordered tree (throws on XML that is not well-formed). */
export function parseXml(text: string): XmlNode[] {
  return parser.parse(text) as XmlNode[];
}

/** The tree as XML text again. */
export function buildXml(nodes: readonly XmlNode[]): string {
  return builder.build(nodes) as string;
}

/** The element's tag as written (with its prefix), or null for text, comments and the declaration. */
export function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) {
    if (key !== ATTRIBUTES && !key.startsWith("#") && !key.startsWith("?")) return key;
  }
  return null;
}

/** A tag without its namespace prefix: `x:row` → `row`. */
export function localName(tag: string): string {
  const colon = tag.indexOf(":");
  return colon < 0 ? tag : tag.slice(colon + 1);
}

/** The element's children ([] for text). */
export function childrenOf(node: XmlNode): XmlNode[] {
  const tag = tagOf(node);
  return tag === null ? [] : (node[tag] as XmlNode[]);
}

/** The element's attributes by name as written (with prefixes, e.g. `r:id`). */
export function attributesOf(node: XmlNode): Record<string, string> {
  return (node[ATTRIBUTES] as Record<string, string> | undefined) ?? {};
}

/** One attribute by its name (e.g. `name`) or, failing that, by local name (`id` finds `r:id`). */
export function attribute(node: XmlNode, name: string): string | undefined {
  const attributes = attributesOf(node);
  if (name in attributes) return attributes[name];
  for (const [key, value] of Object.entries(attributes)) if (localName(key) === name) return value;
  return undefined;
}

export function setAttribute(node: XmlNode, name: string, value: string): void {
  node[ATTRIBUTES] = { ...attributesOf(node), [name]: value };
}

/** The child elements with the local name `name`. */
export function childElements(node: XmlNode, name: string): XmlNode[] {
  return childrenOf(node).filter((child) => {
    const tag = tagOf(child);
    return tag !== null && localName(tag) === name;
  });
}

/** The first element with this local name anywhere in the forest (depth first), or null. */
export function findFirst(nodes: readonly XmlNode[], name: string): XmlNode | null {
  for (const node of nodes) {
    const tag = tagOf(node);
    if (tag === null) continue;
    if (localName(tag) === name) return node;
    const found = findFirst(childrenOf(node), name);
    if (found) return found;
  }
  return null;
}

/** Every element with this local name anywhere in the forest, in document order. */
export function findAll(nodes: readonly XmlNode[], name: string): XmlNode[] {
  const found: XmlNode[] = [];
  const visit = (list: readonly XmlNode[]) => {
    for (const node of list) {
      const tag = tagOf(node);
      if (tag === null) continue;
      if (localName(tag) === name) found.push(node);
      visit(childrenOf(node));
    }
  };
  visit(nodes);
  return found;
}

/**
 * A new element with the same namespace prefix as `sibling` (so `x:sheet` goes beside `x:sheet`),
 * its attributes in the given order and its children.
 */
export function newElement(
  name: string,
  attributes: Record<string, string>,
  children: XmlNode[] = [],
  sibling?: XmlNode,
): XmlNode {
  const siblingTag = sibling ? tagOf(sibling) : null;
  const prefix =
    siblingTag && siblingTag.includes(":") ? siblingTag.slice(0, siblingTag.indexOf(":") + 1) : "";
  const node: XmlNode = { [prefix + name]: children };
  if (Object.keys(attributes).length > 0) node[ATTRIBUTES] = { ...attributes };
  return node;
}

/** A text node. */
export function textNode(text: string): XmlNode {
  return { "#text": text };
}

/** The concatenated text inside an element (e.g. a `definedName`). */
export function textOf(node: XmlNode): string {
  return childrenOf(node)
    .map((child) => (typeof child["#text"] === "string" ? child["#text"] : textOf(child)))
    .join("");
}
