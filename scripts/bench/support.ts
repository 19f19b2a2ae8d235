/** What the benchmark scripts share: free ports, child servers, and median (min-max) figures. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../..', import.meta.url));
export const out = (line: string) => process.stdout.write(`${line}\n`);

export const freePort = () => new Promise<number>((resolve) => {
  const probe = createServer().listen(0, '127.0.0.1', () => { const { port } = probe.address() as { port: number }; probe.close(() => resolve(port)); });
});

/** Starts `node args` from the repository root and resolves once its stdout shows `ready`. */
export async function child(args: string[], env: Record<string, string>, ready: string): Promise<ChildProcess> {
  const proc = spawn(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  let seen = '';
  await new Promise<void>((resolve, reject) => {
    proc.stdout!.on('data', (d) => { seen += d; if (seen.includes(ready)) resolve(); });
    proc.once('exit', (code) => reject(new Error(`child exited ${code}: ${seen}`)));
  });
  proc.stdout!.resume();
  return proc;
}

export const stats = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { median: s[Math.floor(s.length / 2)]!, min: s[0]!, max: s.at(-1)! };
};
export const fmt = (x: { median: number; min: number; max: number }, digits = 0) =>
  `${x.median.toFixed(digits)} (${x.min.toFixed(digits)}-${x.max.toFixed(digits)})`;
