import { appendFileSync } from 'node:fs';
import type { CommandStartedEvent, Document, MongoClient } from 'mongodb';

/**
 * What a command asks of one collection, with the values taken out: which fields it constrains and how
 * (`eq` for an equality, the operators otherwise), its sort, and whether it touches one document or many.
 * The shard plan and the index check are judged on these (see shard-plan.ts).
 */
export interface QueryShape {
  collection: string;
  /** find, count, distinct, aggregate, update, delete, findAndModify, insert. */
  op: string;
  /** A single-document write (updateOne, deleteOne, findOneAndUpdate): MongoDB < 7.1 needs the full shard key. */
  single: boolean;
  /** Constrained fields, each `eq`, `in` or a range/other operator list; `$or` branches separately. */
  filter: FilterShape;
  sort: string[];
  /** For inserts: the fields every inserted document has. */
  fields?: string[];
  /** For inserts: the fields whose value every document's `_id` contains (a shard key derived from `_id`). */
  idCarries?: string[];
}

export interface FilterShape {
  fields: Record<string, string>;
  or: FilterShape[][];
}

const READS: Record<string, (cmd: Document) => Document | undefined> = {
  find: (cmd) => cmd.filter,
  count: (cmd) => cmd.query,
  distinct: (cmd) => cmd.query,
  aggregate: (cmd) => (cmd.pipeline as Document[] | undefined)?.[0]?.$match,
};

/** The shapes of one command (an update or delete command carries several statements), or none. */
export function shapesOf(event: Pick<CommandStartedEvent, 'commandName' | 'command'>): QueryShape[] {
  const { commandName: op, command: cmd } = event;
  const collection = cmd[op];
  if (typeof collection !== 'string') return [];
  const read = READS[op];
  if (read) {
    const sort = op === 'find' ? Object.keys(cmd.sort ?? {}) : [];
    return [{ collection, op, single: false, filter: filterShape(read(cmd) ?? {}), sort }];
  }
  if (op === 'update')
    return (cmd.updates as Document[]).map((u) => ({
      collection,
      op,
      single: !u.multi,
      filter: filterShape(u.q ?? {}),
      sort: [],
    }));
  if (op === 'delete')
    return (cmd.deletes as Document[]).map((d) => ({
      collection,
      op,
      single: d.limit === 1,
      filter: filterShape(d.q ?? {}),
      sort: [],
    }));
  if (op === 'findAndModify')
    return [{ collection, op, single: true, filter: filterShape(cmd.query ?? {}), sort: Object.keys(cmd.sort ?? {}) }];
  if (op === 'insert') {
    const docs = cmd.documents as Document[];
    const fields = Object.keys(docs[0] ?? {}).filter((f) => docs.every((d) => d[f] !== undefined));
    const idCarries = fields.filter((f) =>
      docs.every((d) => typeof d[f] === 'string' && d[f] !== '' && String(d._id).includes(d[f] as string)),
    );
    const filter = { fields: {}, or: [] };
    return [{ collection, op, single: docs.length === 1, filter, sort: [], fields, idCarries }];
  }
  return [];
}

/** Which fields a filter constrains, and how. `$and` members are merged; `$or` branches are kept apart. */
export function filterShape(filter: Document): FilterShape {
  const shape: FilterShape = { fields: {}, or: [] };
  for (const [key, value] of Object.entries(filter)) {
    if (key === '$and') {
      for (const part of value as Document[]) {
        const inner = filterShape(part);
        Object.assign(shape.fields, inner.fields);
        shape.or.push(...inner.or);
      }
    } else if (key === '$or') shape.or.push((value as Document[]).map(filterShape));
    else shape.fields[key] = howConstrained(value);
  }
  return shape;
}

function howConstrained(value: unknown): string {
  if (value === null || typeof value !== 'object' || value instanceof Date || Array.isArray(value)) return 'eq';
  const ops = Object.keys(value);
  if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) return 'eq';
  if (ops.length === 1 && ops[0] === '$eq') return 'eq';
  if (ops.length === 1 && ops[0] === '$in') return 'in';
  return ops.sort().join(',');
}

/** One line per shape, values left out: what is stored, compared and printed. */
export function describeShape(shape: QueryShape): string {
  const fields = (f: FilterShape): string =>
    [
      ...Object.entries(f.fields).map(([k, v]) => `${k}:${v}`),
      ...f.or.map((branches) => `$or[${branches.map(fields).join(' | ')}]`),
    ].join(' ');
  const what = shape.op === 'insert' ? `(${(shape.fields ?? []).join(' ')})` : `{${fields(shape.filter)}}`;
  const sort = shape.sort.length > 0 ? ` sort(${shape.sort.join(',')})` : '';
  return `${shape.collection} ${shape.op}${shape.single ? ' one' : ''} ${what}${sort}`;
}

/**
 * Records the shape of every command a client sends (the client must be made with `monitorCommands: true`):
 * in memory, and appended to `file` when given (a line of JSON per new shape), so that a run of the whole
 * suite, server processes included, can be checked afterwards (scripts/check-shard-plan.ts).
 */
export class ShapeRecorder {
  readonly shapes = new Map<string, QueryShape>();
  /** Shapes already in each file, across the recorders of one process (a test suite starts many servers). */
  private static readonly written = new Map<string, Set<string>>();

  constructor(private readonly file?: string) {}

  attach(client: Pick<MongoClient, 'on'>): this {
    client.on('commandStarted', (event) => this.record(event));
    return this;
  }

  record(event: Pick<CommandStartedEvent, 'commandName' | 'command'>): void {
    for (const shape of shapesOf(event)) {
      const key = describeShape(shape);
      if (this.shapes.has(key)) continue;
      this.shapes.set(key, shape);
      if (!this.file) continue;
      const written = ShapeRecorder.written.get(this.file) ?? new Set<string>();
      ShapeRecorder.written.set(this.file, written);
      if (written.has(key)) continue;
      written.add(key);
      appendFileSync(this.file, `${JSON.stringify(shape)}\n`);
    }
  }
}
