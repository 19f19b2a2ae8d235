// Bundles the web client (src/main.tsx and what it imports, @parley/client included) into dist/, with
// the page and its stylesheet. Run by `npm run build` / `npm start` (root), so the API can serve /app.
import { copyFile, mkdir } from 'node:fs/promises';
import { fileURLToPath, URL } from 'node:url';
import { build } from 'esbuild';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
await mkdir(here('dist'), { recursive: true });
const common = {
  bundle: true,
  format: 'esm',
  target: 'es2022',
  platform: 'browser',
  minify: true,
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  conditions: ['@parley/source'],
};
await build({ ...common, entryPoints: [here('src/main.tsx')], outfile: here('dist/app.js') });
// The service worker sits beside the page, so its scope is the app (/app/).
await build({ ...common, entryPoints: [here('src/sw.ts')], outfile: here('dist/sw.js'), format: 'iife' });
for (const file of ['index.html', 'styles.css']) await copyFile(here(`src/${file}`), here(`dist/${file}`));
