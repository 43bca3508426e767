/**
 * DOM building for Leaflet icons and popups. Unit ids, callsigns and report texts come from
 * outside, so text only ever enters the page through textContent: never through an HTML string.
 */
export function element<K extends keyof HTMLElementTagNameMap>(tag: K, className?: string, text?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

/** Sets attributes on a marker's root element (data-*, aria-label, role). */
export function setAttributes(node: Element, attributes: Readonly<Record<string, string>>): void {
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
}

/**
 * The line from a marker's spot to its body when useLabelDeclutter nudges the body aside (zero
 * long until then). map.css draws it from --leader-length and --leader-angle.
 */
export function leaderLine(): HTMLElement {
  const line = element('span', 'cmap-leader');
  line.setAttribute('data-nudge-leader', '');
  return line;
}
