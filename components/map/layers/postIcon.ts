/**
 * A border post's marker: a pin at the complex and, off to one side on a leader line, a card with
 * the people waiting per direction in large digits.
 */
import { divIcon, type DivIcon } from 'leaflet';
import { element } from '@/components/map/dom.ts';
import type { PostView } from '@/components/map/layers/postView.ts';

export function createPostIcon(view: PostView): DivIcon {
  const root = element('div', `cmap-post cmap-post--${view.placement}`);
  const pin = element('span', 'cmap-post__pin');
  pin.setAttribute('data-map-mark', 'post');
  root.append(element('span', 'cmap-post__leader'), pin);
  const card = element('div', 'cmap-post__card');
  card.setAttribute('data-map-label', 'post');
  card.appendChild(element('div', 'cmap-post__name', view.approximate ? `≈ ${view.name}` : view.name));
  for (const row of view.rows) {
    const line = element('div', row.hasData ? 'cmap-post__row' : 'cmap-post__row cmap-post__row--empty');
    const count = element('span', 'cmap-post__count', row.countText);
    count.setAttribute('data-queue', row.key);
    line.append(element('span', 'cmap-post__direction', row.directionText), count);
    card.appendChild(line);
  }
  root.appendChild(card);
  // Zero-sized and anchored at the complex: the pin, line and card are placed around it by CSS.
  return divIcon({ html: root, className: 'cmap-marker', iconSize: [0, 0] });
}
