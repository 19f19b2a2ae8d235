// Did the fuzzer reach every operation? Reads the API document and schemathesis's HAR report of the run, and fails
// unless each operation got at least one 2xx answer, or is listed in scripts/fuzz-unreached.txt with the reason it
// cannot (one line each: `METHOD /path  reason`). Prints each operation's answers by status class.
//   node scripts/fuzz-reach.mjs <openapi.json> <report.har>          (run by scripts/fuzz.sh)
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const [docFile, harFile] = process.argv.slice(2);
if (!docFile || !harFile) {
  console.error('usage: node scripts/fuzz-reach.mjs <openapi.json> <report.har>');
  process.exit(2);
}
const doc = JSON.parse(readFileSync(docFile, 'utf8'));
const har = JSON.parse(readFileSync(harFile, 'utf8'));
const listed = new Map(
  readFileSync(join(dirname(fileURLToPath(import.meta.url)), 'fuzz-unreached.txt'), 'utf8')
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('#'))
    .map((line) => {
      const [method, path, ...reason] = line.trim().split(/\s+/);
      return [`${method} ${path}`, reason.join(' ')];
    }),
);

/** Each operation with a pattern for its concrete paths; literal segments count, so `/x/public` beats `/x/{id}`. */
const operations = Object.entries(doc.paths).flatMap(([path, methods]) =>
  Object.keys(methods).map((method) => ({
    key: `${method.toUpperCase()} ${path}`,
    method: method.toUpperCase(),
    pattern: new RegExp(`^${path.replace(/[.]/g, '\\.').replace(/\{[^}]+\}/g, '[^/]+')}$`),
    literal: path.split('/').filter((s) => s && !s.startsWith('{')).length,
    answers: { '2xx': 0, '3xx': 0, '4xx': 0, '5xx': 0 },
  })),
);
for (const entry of har.log.entries) {
  const path = new URL(entry.request.url).pathname;
  const match = operations
    .filter((o) => o.method === entry.request.method && o.pattern.test(path))
    .sort((a, b) => b.literal - a.literal)[0];
  const status = entry.response.status;
  if (match && status >= 200 && status < 600) match.answers[`${Math.floor(status / 100)}xx`] += 1;
}

const unreached = operations.filter((o) => o.answers['2xx'] === 0);
const unexplained = unreached.filter((o) => !listed.has(o.key));
const stale = operations.filter((o) => o.answers['2xx'] > 0 && listed.has(o.key));
const reached = operations.length - unreached.length;
console.log(`== reach: ${reached} of ${operations.length} operations answered 2xx at least once`);
for (const o of unreached)
  console.log(
    `   ${listed.has(o.key) ? 'listed  ' : 'MISSING '} ${o.key} (${Object.entries(o.answers)
      .filter(([, n]) => n > 0)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ')})${listed.has(o.key) ? `: ${listed.get(o.key)}` : ''}`,
  );
for (const o of stale) console.log(`   note: ${o.key} is listed as unreachable but answered 2xx this run`);
if (unexplained.length > 0) {
  console.log(
    `== reach: ${unexplained.length} operations never answered 2xx and are not listed in scripts/fuzz-unreached.txt`,
  );
  process.exit(1);
}
