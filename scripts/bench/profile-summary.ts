/**
 * Summarises a V8 CPU profile (a `.cpuprofile` from `node --cpu-prof`, e.g. a bench run with BENCH_PROFILE_DIR):
 * where the time went by package (node_modules/<package>, a Parley workspace package, Node's internals, the
 * garbage collector) and the functions with the most time of their own. Prints figures; asserts nothing.
 *   node --import tsx scripts/bench/profile-summary.ts <file.cpuprofile> [top functions, default 25]
 */
import { readFileSync } from 'node:fs';
import { out } from './support.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error('usage: profile-summary.ts <file.cpuprofile> [top]');
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const top = Number(topArg ?? 25);
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const selfUs = new Map<number, number>();
profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

/** Which package a frame's code belongs to. */
function packageOf(url: string, name: string): string {
  if (!url) return name.startsWith('(') ? name : '(native)';
  const modules = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (modules) return modules[1]!;
  const parley = /\/(core|client|runtime|adapters\/[^/]+|apps\/[^/]+)\/(?:src|dist)\//.exec(url);
  if (parley) return `parley:${parley[1]}`;
  if (url.startsWith('node:')) return 'node:internals';
  return url.replace(/^file:\/\//, '');
}

const packages = new Map<string, number>();
const functions = new Map<string, number>();
for (const [id, us] of selfUs) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  const pkg = packageOf(url, functionName);
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  const where = url ? `${url.replace(/^.*\/(node_modules|work\/main)\//, '')}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${where}`.trim();
  functions.set(key, (functions.get(key) ?? 0) + us);
}
const pct = (us: number) => `${((100 * us) / total).toFixed(1).padStart(5)}%`;
const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
out(`${file}: ${(total / 1000).toFixed(0)} ms sampled`);
out('\nby package (self time):');
for (const [name, us] of sorted(packages).slice(0, 20)) out(`  ${pct(us)}  ${name}`);
out(`\nfunctions with the most self time (top ${top}):`);
for (const [name, us] of sorted(functions).slice(0, top)) out(`  ${pct(us)}  ${name}`);
