/* global process, global */
// Preloaded into a benchmarked server (node --expose-gc --require ...): on SIGUSR2 it collects garbage
// fully and prints one line `MEM {...process.memoryUsage()}` on stdout.
process.on('SIGUSR2', () => {
  global.gc();
  global.gc();
  process.stdout.write(`MEM ${JSON.stringify(process.memoryUsage())}\n`);
});
