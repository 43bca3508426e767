/**
 * The wall's first-load JS from the build output alone (no server, no browser): the scripts the
 * /wall HTML names, gzipped (zlib level 9), as bench/map.ts measures them in a page. They are
 * Next's root main files and the page's entry chunks, read from .next/build-manifest.json and
 * .next/server/app/wall/page_client-reference-manifest.js. The legacy polyfills are listed apart:
 * the HTML loads them `nomodule`, so no current browser fetches them. Budget: 200 KB.
 *
 *   npm run build && npm run bench:wall-js
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const BUDGET_KB = 200;
const next = path.join(process.argv[2] ?? process.cwd(), '.next');
const build = JSON.parse(readFileSync(path.join(next, 'build-manifest.json'), 'utf8')) as {
  rootMainFiles: string[];
  polyfillFiles: string[];
};
const references = readFileSync(path.join(next, 'server/app/wall/page_client-reference-manifest.js'), 'utf8');
const entries = references.match(/"entryJSFiles":(\{[^}]*\})/);
if (!entries) throw new Error('no entryJSFiles in the /wall client reference manifest');
const pageFiles = Object.values(JSON.parse(entries[1]) as Record<string, string[]>).flat();

const gzipKB = (file: string) => gzipSync(readFileSync(path.join(next, file)), { level: 9 }).length / 1024;
const loaded = [...new Set([...build.rootMainFiles, ...pageFiles])].map((file) => ({ file, kb: gzipKB(file) }));
const polyfills = build.polyfillFiles.map((file) => ({ file, kb: gzipKB(file) }));
const total = loaded.reduce((sum, f) => sum + f.kb, 0);

for (const { file, kb } of loaded) console.log(`${kb.toFixed(1).padStart(7)} KB  ${file}`);
for (const { file, kb } of polyfills) console.log(`${kb.toFixed(1).padStart(7)} KB  ${file}  (nomodule: not loaded)`);
console.log(`wall first-load JS: ${total.toFixed(1)} KB gzip (budget ${BUDGET_KB} KB)`);
if (total > BUDGET_KB) process.exitCode = 1;
