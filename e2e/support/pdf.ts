/**
 * Reading a PDF that Chromium printed as a reader of the paper would: its pages, their size and
 * the text on them, with poppler's pdfinfo and pdftotext (Debian's poppler-utils, installed by
 * .ci/run), and each page drawn to a PNG to look at.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, rmSync } from 'node:fs';
import path from 'node:path';

export interface PrintedPdf {
  pages: number;
  /** The first page's size in points, as pdfinfo reports it (A4 is 595 × 842). */
  pageSize: { width: number; height: number };
  /** All the text in the order it was drawn, each run of spaces and line breaks as one space (a table cell wraps). */
  text: string;
}

export function readPdf(file: string): PrintedPdf {
  const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1]);
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(info);
  if (!size || !pages) throw new Error(`pdfinfo could not read ${file}:\n${info}`);
  const text = execFileSync('pdftotext', ['-raw', file, '-'], { encoding: 'utf8' }).replace(/\s+/g, ' ');
  return { pages, pageSize: { width: Number(size[1]), height: Number(size[2]) }, text };
}

/** Draws every page to `<prefix>-<n>.png` at 72 dpi: the sheets as they come out of the printer. */
export function drawPdfPages(file: string, prefix: string): void {
  // Sheets of an earlier, longer print would otherwise lie beside these as if they were its own.
  const dir = path.dirname(prefix);
  for (const old of readdirSync(dir)) if (old.startsWith(`${path.basename(prefix)}-`)) rmSync(path.join(dir, old));
  execFileSync('pdftoppm', ['-png', '-r', '72', file, prefix]);
}

/** Whether a size in points is A4 portrait (210 × 297 mm), within a point of rounding. */
export const isA4 = ({ width, height }: { width: number; height: number }): boolean =>
  Math.abs(width - 595.28) < 1.5 && Math.abs(height - 841.89) < 1.5;
