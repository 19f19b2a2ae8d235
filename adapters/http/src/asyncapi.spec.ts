import { Parser } from '@asyncapi/parser';
import { describe, expect, it } from 'vitest';
import { buildAsyncApi } from './asyncapi.js';
import { COMMANDS, FRAMES } from './ws/protocol.js';

describe('the AsyncAPI document of the socket', () => {
  const document = buildAsyncApi({ version: '0.0.0-test' });

  it('is a valid AsyncAPI 3 document (the AsyncAPI parser finds no error)', async () => {
    const { document: parsed, diagnostics } = await new Parser().parse(JSON.stringify(document));
    expect(diagnostics.filter((d) => d.severity === 0).map((d) => `${d.path.join('.')}: ${d.message}`)).toEqual([]);
    expect(
      parsed
        ?.operations()
        .all()
        .map((o) => o.id())
        .sort(),
    ).toEqual(['receiveCommand', 'sendFrame']);
  });

  it('lists every command and frame of the protocol', () => {
    const names = Object.values((document.components as { messages: Record<string, { name: string }> }).messages).map(
      (m) => m.name,
    );
    expect(names.sort()).toEqual([...Object.keys(COMMANDS), ...Object.keys(FRAMES)].sort());
    expect(Object.keys(COMMANDS).sort()).toEqual([
      'auth',
      'message.delete',
      'message.edit',
      'message.send',
      'ping',
      'presence.away',
      'presence.online',
      'read',
      'resume',
      'typing.start',
      'typing.stop',
    ]);
  });
});
