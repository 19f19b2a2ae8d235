import { existsSync, readFileSync, rmSync } from 'node:fs';
import { AfterAll, BeforeAll } from '@cucumber/cucumber';
import { checkShapes, type QueryShape } from '@parley/adapter-mongodb';
import { QUERY_SHAPES_FILE } from './drivers/real-services.js';

/**
 * On real servers, every MongoDB query the scenarios caused (recorded by each server, see ShapeRecorder) is
 * held to the shard plan and the index list (adapters/mongodb/src/shard-plan.ts): the run fails on a query
 * that would go to every shard, a single-document write without its shard key, or a filter no index serves.
 */
BeforeAll(function () {
  rmSync(QUERY_SHAPES_FILE, { force: true });
});

AfterAll(function () {
  if (process.env.PARLEY_REAL_SERVICES !== '1') return;
  if (!existsSync(QUERY_SHAPES_FILE)) throw new Error(`no MongoDB query was recorded in ${QUERY_SHAPES_FILE}`);
  const shapes = readFileSync(QUERY_SHAPES_FILE, 'utf8')
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as QueryShape);
  const violations = checkShapes(shapes);
  // Said on stderr on purpose: a run on real servers tells how much the check saw.
  process.stderr.write(`\nshard plan: ${shapes.length} query shapes recorded, ${violations.length} outside it\n`);
  if (violations.length > 0)
    throw new Error(
      `queries outside the shard plan:\n${violations.map((v) => `  ${v.shape}: ${v.problem}`).join('\n')}`,
    );
});
