/**
 * The body of every popup on the map: a title, label/value rows and the sender's own words.
 * Built from DOM nodes with textContent (see dom.ts), so report texts cannot inject markup.
 */
import { element } from '@/components/map/dom.ts';

/** Leaflet options for every popup on the map, whichever layer opens it. */
export const POPUP_OPTIONS = { className: 'cmap-popup-frame', minWidth: 280, maxWidth: 460, autoPanPadding: [48, 48] as [number, number] };

export interface PopupRow {
  label: string;
  value: string;
}

export interface PopupSpec {
  title: string;
  rows: PopupRow[];
  /** Free text from the field, shown as written. */
  text?: string;
  /** Shown above the text when there is none, e.g. "No patrol reports." */
  textPlaceholder?: string;
  /** A warning line at the top, e.g. "SIMULATED". */
  banner?: string;
}

export function createPopupContent({ title, rows, text, textPlaceholder, banner }: PopupSpec): HTMLElement {
  const root = element('div', 'cmap-popup');
  if (banner) root.appendChild(element('p', 'cmap-popup__banner', banner));
  root.appendChild(element('h3', 'cmap-popup__title', title));
  const list = element('dl', 'cmap-popup__rows');
  for (const row of rows) {
    list.appendChild(element('dt', undefined, row.label));
    list.appendChild(element('dd', undefined, row.value));
  }
  root.appendChild(list);
  if (text !== undefined) root.appendChild(element('p', 'cmap-popup__text', text));
  else if (textPlaceholder) root.appendChild(element('p', 'cmap-popup__text cmap-popup__text--empty', textPlaceholder));
  return root;
}
