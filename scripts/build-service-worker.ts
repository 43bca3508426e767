/**
 * Builds public/sw.js after `next build`: esbuild bundles worker/serviceWorker.ts (Serwist and
 * all, nothing loaded at run time), then Serwist's injectManifest writes into it the precache
 * list read from the build output: every file under .next/static (content-hashed names, so the
 * URL is the revision) and the public files the offline pages use (hashed by Serwist).
 *
 *   npm run build            (runs this last)
 *   npx tsx scripts/build-service-worker.ts
 */
import { injectManifest } from '@serwist/build';
import { build } from 'esbuild';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const SOURCE = 'worker/serviceWorker.ts';
export const OUTPUT = 'public/sw.js';
/** What the worker precaches, relative to the project root. */
export const PRECACHE_GLOBS = [
  '.next/static/**/*.{js,css,png,svg,woff2,woff}',
  'public/manifest.webmanifest',
  'public/geo/*.geojson',
  'public/icons/*.{svg,png}',
];
/** Next serves .next/static under /_next/static and public/ at the root. */
export const URL_PREFIXES = { '.next/static/': '/_next/static/', 'public/': '/' };
/** Next's static files carry a content hash (or the build id) in their path: no revision needed. */
export const HASHED_URLS = /^\/_next\/static\//;

/**
 * Next's legacy-browser polyfills (build-manifest.json `polyfillFiles`): loaded with `nomodule`,
 * so no browser that runs a service worker ever asks for them.
 */
export function polyfillUrls(buildManifest: { polyfillFiles?: string[] }): Set<string> {
  return new Set((buildManifest.polyfillFiles ?? []).map((file) => `/_next/${file}`));
}

async function main(): Promise<void> {
  if (!existsSync('.next/static')) throw new Error('no .next/static: run `next build` first');
  const work = mkdtempSync(path.join(tmpdir(), 'concordia-sw-'));
  try {
    const bundled = path.join(work, 'sw.js');
    await build({
      entryPoints: [SOURCE],
      outfile: bundled,
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      minify: true,
      legalComments: 'none',
      define: {
        // Serwist logs in development builds only.
        'process.env.NODE_ENV': '"production"',
        __BUILD_ID__: JSON.stringify(readFileSync('.next/BUILD_ID', 'utf8').trim()),
      },
    });
    const unused = polyfillUrls(JSON.parse(readFileSync('.next/build-manifest.json', 'utf8')) as { polyfillFiles?: string[] });
    const { count, size, warnings } = await injectManifest({
      swSrc: bundled,
      swDest: OUTPUT,
      globDirectory: '.',
      globPatterns: PRECACHE_GLOBS,
      modifyURLPrefix: URL_PREFIXES,
      dontCacheBustURLsMatching: HASHED_URLS,
      manifestTransforms: [async (entries) => ({ manifest: entries.filter((entry) => !unused.has(entry.url)) })],
    });
    for (const warning of warnings) console.warn(`service worker: ${warning}`);
    console.log(`service worker: ${OUTPUT} precaches ${count} files, ${Math.round(size / 1024)} KB`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

await main();
