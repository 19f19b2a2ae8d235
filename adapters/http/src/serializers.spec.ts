import helmet from 'helmet';
import { describe, expect, it } from 'vitest';
import { ResponseSerializers } from './serializers.js';
import { fixedHeaders } from './security.js';

const doc = {
  paths: {
    '/api/v1/items': {
      get: {
        responses: {
          200: {
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['data', 'nextCursor'],
                  properties: {
                    data: { type: 'array', items: { $ref: '#/components/schemas/Item' } },
                    nextCursor: { type: 'string', nullable: true },
                  },
                },
              },
            },
          },
        },
      },
    },
  },
  components: {
    schemas: {
      Item: {
        type: 'object',
        properties: { id: { type: 'string' }, text: { type: 'string' }, at: { type: 'string', format: 'date-time' } },
      },
    },
  },
};
const route = { method: 'get', path: '/items' } as never;

/** A frozen item that counts how often its text is read. */
function countedItem(id: string, text: string) {
  const reads = { count: 0 };
  const item = Object.freeze({
    id,
    get text() {
      reads.count += 1;
      return text;
    },
    at: new Date(0),
    secret: 'not documented',
  });
  return { item, reads };
}

describe('ResponseSerializers', () => {
  it('writes a page as its documented schema says, undocumented fields left out', () => {
    const serialize = new ResponseSerializers(doc).for(route);
    const text = serialize(200, {
      data: [{ id: 'a', text: 'say "hi"\n', at: new Date(0), secret: 'x' }],
      nextCursor: null,
    })!;
    expect(JSON.parse(String(text))).toEqual({
      data: [{ id: 'a', text: 'say "hi"\n', at: '1970-01-01T00:00:00.000Z' }],
      nextCursor: null,
    });
    expect(JSON.parse(String(serialize(200, { data: [], nextCursor: 'b.5' })))).toEqual({
      data: [],
      nextCursor: 'b.5',
    });
  });

  it('serialises a frozen item once for every page it appears on, and an unfrozen one every time', () => {
    const serialize = new ResponseSerializers(doc).for(route);
    const frozen = countedItem('f', 'frozen');
    const first = serialize(200, { data: [frozen.item], nextCursor: null });
    const second = serialize(200, { data: [frozen.item], nextCursor: 'b.1' });
    expect(frozen.reads.count).toBe(1);
    expect(JSON.parse(String(second))).toEqual({ data: [JSON.parse(String(first)).data[0]], nextCursor: 'b.1' });
    const wide = Object.freeze({ id: 'w', text: 'héllo 👋 “quoted”', at: new Date(0) });
    serialize(200, { data: [wide], nextCursor: null });
    expect(JSON.parse(String(serialize(200, { data: [frozen.item, wide], nextCursor: null }))).data).toEqual([
      { id: 'f', text: 'frozen', at: '1970-01-01T00:00:00.000Z' },
      { id: 'w', text: 'héllo 👋 “quoted”', at: '1970-01-01T00:00:00.000Z' },
    ]);

    let reads = 0;
    const open = {
      id: 'o',
      get text() {
        reads += 1;
        return 'open';
      },
      at: new Date(0),
    };
    serialize(200, { data: [open], nextCursor: null });
    serialize(200, { data: [open], nextCursor: null });
    expect(reads).toBe(2);
  });
});

describe('fixedHeaders', () => {
  it('sets exactly the headers helmet sets, worked out once', () => {
    const recorded = (middleware: (req: never, res: never, next: () => void) => void) => {
      const headers: Record<string, unknown> = { 'x-powered-by': 'Express' };
      const res = {
        setHeader: (n: string, v: unknown) => {
          headers[n.toLowerCase()] = v;
        },
        removeHeader: (n: string) => {
          delete headers[n.toLowerCase()];
        },
      };
      middleware({ headers: {} } as never, res as never, () => {});
      return headers;
    };
    const original = recorded(helmet({ contentSecurityPolicy: false }) as never);
    expect(Object.keys(original).length).toBeGreaterThan(8);
    expect(recorded(fixedHeaders(helmet({ contentSecurityPolicy: false }) as never).middleware as never)).toEqual(
      original,
    );
  });
});
