import { describe, expect, it } from 'vitest';
import { internalErrorsOf } from './readback.js';

describe("the soak's reading of a node's log", () => {
  it('finds the requests answered 500 and the socket commands answered internal_error, and nothing else', () => {
    const log = [
      JSON.stringify({ level: 'error', message: 'unhandled error', method: 'POST', path: '/x', error: { name: 'E' } }),
      JSON.stringify({ level: 'error', message: 'socket command failed', type: 'message.send', error: 'Boom' }),
      // A dependency away (503 / *_unavailable), a warning, a line cut short by a kill -9: not findings.
      JSON.stringify({ level: 'warn', message: 'socket command: dependency unavailable', type: 'resume' }),
      JSON.stringify({ level: 'error', message: 'could not queue the jobs of a message; the outbox relay will retry' }),
      '{"level":"error","message":"unhandled err',
    ].join('\n');
    expect(internalErrorsOf(log)).toEqual(['POST /x: {"name":"E"}', 'socket message.send: Boom']);
  });
});
