/**
 * Where a server's CPU time went, from a V8 CPU profile (node --cpu-prof; the benchmarks pass it
 * with BENCH_SERVER_NODE_ARGS): self time grouped by package or source file, and the heaviest
 * functions, as shares of the profile's wall time (idle included, so the shares say how busy the
 * process was).
 *
 *   npx tsx bench/profileSummary.ts /tmp/prof/CPU.*.cpuprofile [--top 25] [--long-tasks 50]
 *
 * --long-tasks N lists every stretch of N ms or more without an idle sample (what held the event
 * loop: a latency spike's cause) with the functions that took its time and the stack of the first.
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

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' }, 'long-tasks': { type: 'string' } },
});

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
  if (values['long-tasks']) printLongTasks(profile, byId, Number(values['long-tasks']) * 1000);
}

function printLongTasks(profile: Profile, byId: Map<number, ProfileNode>, thresholdMicros: number): void {
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  const nameOf = (id: number) => {
    const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
    return `${functionName || '(anonymous)'} ${placeOf(url, functionName)}:${lineNumber + 1}`;
  };
  const isIdle = (id: number) => byId.get(id)!.callFrame.functionName === '(idle)';
  console.log(`\nstretches of ${thresholdMicros / 1000} ms or more without idle:`);
  let at = profile.startTime;
  let start = -1;
  let startAt = 0;
  const flushStretch = (end: number, endAt: number) => {
    const micros = endAt - startAt;
    if (start >= 0 && micros >= thresholdMicros) {
      const self = new Map<number, number>();
      for (let i = start; i < end; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (profile.timeDeltas[i] ?? 0));
      const heaviest = [...self].sort((a, b) => b[1] - a[1]);
      console.log(`  at ${((startAt - profile.startTime) / 1e6).toFixed(2)} s: ${(micros / 1000).toFixed(0)} ms`);
      for (const [id, m] of heaviest.slice(0, 6)) console.log(`    ${(m / 1000).toFixed(1).padStart(6)} ms  ${nameOf(id)}`);
      const stack: string[] = [];
      for (let id: number | undefined = heaviest[0][0]; id !== undefined && stack.length < 14; id = parentOf.get(id))
        stack.push(nameOf(id));
      console.log(`    stack of the first: ${stack.join(' < ')}`);
    }
    start = -1;
  };
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0;
    if (isIdle(id)) flushStretch(i, at);
    else if (start < 0) {
      start = i;
      startAt = at;
    }
  });
  flushStretch(profile.samples.length, at);
}
