import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { WinstonLogger } from './winston-logger.js';

describe('WinstonLogger', () => {
  it('writes one JSON line per event and redacts secret-looking fields at any depth', async () => {
    const stream = new PassThrough();
    const lines: string[] = [];
    stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString().trim().split('\n')));
    const logger = new WinstonLogger({ stream, service: 'test' });
    logger.info('login', {
      userId: 'u1',
      password: 'hunter2',
      nested: { accessToken: 'abc', ok: 1 },
      headers: { authorization: 'Bearer x' },
    });
    await new Promise((r) => setTimeout(r, 20));
    const line = JSON.parse(lines[0]!);
    expect(line).toMatchObject({
      level: 'info',
      message: 'login',
      service: 'test',
      userId: 'u1',
      password: '[redacted]',
      nested: { accessToken: '[redacted]', ok: 1 },
      headers: { authorization: '[redacted]' },
    });
    expect(lines[0]).not.toContain('hunter2');
    expect(lines[0]).not.toContain('Bearer x');
  });
});
