/**
 * Where a server's CPU time went, from a V8 CPU profile (node --cpu-prof; the benchmarks pass it
 * with BENCH_SERVER_NODE_ARGS): self time grouped by package or source file, and the heaviest
 * functions, as shares of the profile's wall time (idle included, so the shares say how busy the
 * process was).
 *
 *   npx tsx bench/profileSummary.ts /tmp/prof/CPU.*.cpuprofile [--top 25]
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });

/** A readable place for a frame: the npm package, or the project file, or V8's own categories. */
function placeOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return url;
  const own = /\/(dist\/)?((?:server|lib|bench)\/.*)$/.exec(url);
  return own ? own[2] : url;
}

for (const file of positionals) {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfMicros = new Map<number, number>();
  profile.samples.forEach((id, i) => selfMicros.set(id, (selfMicros.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const total = profile.endTime - profile.startTime;
  const places = new Map<string, number>();
  const functions = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    const place = placeOf(url, functionName);
    places.set(place, (places.get(place) ?? 0) + micros);
    const fn = `${functionName || '(anonymous)'} ${place}:${lineNumber + 1}`;
    functions.set(fn, (functions.get(fn) ?? 0) + micros);
  }
  const share = (micros: number) => `${((micros / total) * 100).toFixed(1)}%`;
  const top = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top));
  console.log(`${file}: ${(total / 1e6).toFixed(1)} s; busy ${share(total - (places.get('(idle)') ?? 0))}`);
  console.log('\nself time by package / file:');
  for (const [place, micros] of top(places)) console.log(`  ${share(micros).padStart(6)}  ${place}`);
  console.log('\nheaviest functions (self time):');
  for (const [fn, micros] of top(functions)) console.log(`  ${share(micros).padStart(6)}  ${fn}`);
}
