// No line of code longer than 120 characters: Prettier wraps code at that width but leaves strings and
// comments as they are, so this catches those. Generated files (client/src/generated) are exempt.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const WIDTH = 120;
const files = execFileSync('git', ['ls-files', '*.ts', '*.tsx', '*.js', '*.mjs', '*.cjs'], { encoding: 'utf8' })
  .split('\n')
  .filter((file) => file && !file.startsWith('client/src/generated/'));
const long = files.flatMap((file) =>
  readFileSync(file, 'utf8')
    .split('\n')
    .flatMap((line, i) => ([...line].length > WIDTH ? [`${file}:${i + 1}: ${[...line].length} characters`] : [])),
);
if (long.length > 0) {
  console.error(`Lines over ${WIDTH} characters (wrap the string or comment):\n${long.join('\n')}`);
  process.exit(1);
}
console.log(`${files.length} files, no line over ${WIDTH} characters`);
