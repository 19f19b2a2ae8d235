import type { Collection, Db, Document } from 'mongodb';
import type { PageQuery } from '@parley/core';

/**
 * History pages by equality, for servers whose reads cannot use an index for a range or a sort.
 *
 * FerretDB 1.x pushes only equality filters down to PostgreSQL and sorts in its own process, so the page query
 * `{conversationId, seq < before} sort seq desc limit 50` fetched and decoded every message of the conversation
 * (measured: 177 ms a page at 5,000 messages, 814 ms at 20,000, growing with the conversation). Each message is
 * therefore also stored with its block, `seqBlock = floor(seq / 64)`, and a page reads the one to three blocks
 * it needs by `{conversationId, kind, seqBlock}`: at most 64 documents each, whatever the conversation's length
 * (8 ms at 5,000; the server still scans its table in PostgreSQL, which grows with the whole collection, ~4x
 * slower per document than the decode it saves). On MongoDB pages stay one indexed range query.
 *
 * Exact because seqs are dense: the sequencer takes n+1 only after n is stored, so the stored messages of a
 * conversation are always seqs 1..head, every block below the head's is full, and the head's block is the first
 * one that is not. A block that breaks this (documents stored before blocks existed) sends the page back to the
 * range query; `backfillSeqBlocks` gives old documents their block at start-up.
 */
export const BLOCK = 64;
export const blockOf = (seq: number): number => Math.floor(seq / BLOCK);
/** How many messages a block below the head holds: seqs start at 1, so block 0 has 63. */
const fullSize = (block: number): number => (block === 0 ? BLOCK - 1 : BLOCK);

/** Where start-up records that every message has its block (see backfillSeqBlocks). */
const MARKER = { collection: 'migrations', id: 'log.seqBlock' };

export class SeqBlockReader {
  /** Each conversation's last known head seq: where a search for the head starts (a hint, checked every time). */
  private readonly hints = new Map<string, number>();
  private ready: Promise<boolean> | null = null;

  constructor(
    private readonly db: Db,
    private readonly log: Collection<Document>,
    private readonly knownHead: (conversationId: string) => number | undefined,
    private readonly maxHints = 50_000,
  ) {}

  /**
   * The page, newest first (`before` or neither) or oldest first (`after`), or null when this database cannot
   * serve it by blocks (not backfilled yet, or a block that is not dense): the caller runs the range query.
   */
  async page(conversationId: string, query: PageQuery): Promise<Document[] | null> {
    if (!(await (this.ready ??= this.backfilled()))) return null;
    const blocks = new Map<number, Document[]>();
    const read = async (block: number): Promise<Document[]> => {
      let docs = blocks.get(block);
      if (!docs) {
        docs = await this.log.find({ conversationId, kind: 'm', seqBlock: block }).toArray();
        docs.sort((a, b) => (a.seq as number) - (b.seq as number));
        blocks.set(block, docs);
      }
      return docs;
    };
    const visible = (doc: Document) => !((doc.hiddenFor ?? []) as string[]).includes(query.viewerId);
    const found: Document[] = [];

    if (query.after !== undefined) {
      for (let block = blockOf(query.after + 1); ; block += 1) {
        if (query.before !== undefined && block * BLOCK >= query.before) return found;
        const docs = await read(block);
        for (const doc of docs) {
          const seq = doc.seq as number;
          if (seq > query.after && (query.before === undefined || seq < query.before) && visible(doc)) found.push(doc);
          if (found.length === query.limit) return found;
        }
        // The first block that is not full holds the head: nothing is stored past it.
        if (docs.length < fullSize(block)) return isDenseHead(docs, block) ? found : null;
      }
    }

    // Newest first from `top`: the newest seq asked for that is stored. Its block is read first; only when that
    // block is not full (it holds the head, or lies past it) is the head looked for.
    let top = query.before === undefined ? Infinity : query.before - 1;
    if (top === Infinity || (await read(blockOf(top))).length < fullSize(blockOf(top))) {
      const head = await this.head(conversationId, read);
      if (head === null) return null;
      top = Math.min(top, head);
    }
    for (let block = blockOf(top); block >= 0 && top > 0; block -= 1) {
      const docs = await read(block);
      const whole = docs.length === fullSize(block) || (block === blockOf(top) && isDenseHead(docs, block));
      if (!whole) return null;
      for (let i = docs.length - 1; i >= 0; i -= 1) {
        const doc = docs[i]!;
        if ((doc.seq as number) <= top && visible(doc)) found.push(doc);
        if (found.length === query.limit) return found;
      }
    }
    return found;
  }

  /** Tells the reader a head it saw elsewhere (e.g. after an append), so the next search starts there. */
  remember(conversationId: string, seq: number): void {
    if ((this.hints.get(conversationId) ?? -1) >= seq) return;
    this.hints.delete(conversationId);
    if (this.hints.size >= this.maxHints) this.hints.delete(this.hints.keys().next().value!);
    this.hints.set(conversationId, seq);
  }

  /**
   * The conversation's head seq (0 when empty), or null if its blocks are not dense. The head's block is the first
   * that is not full; from the best hint, blocks are probed at doubling steps until one is not full, then halved
   * back to the first one: two or three reads in the common case, about 2·log2(blocks) for a conversation this
   * process has never seen.
   */
  private async head(conversationId: string, read: (block: number) => Promise<Document[]>): Promise<number | null> {
    const hint = Math.max(this.hints.get(conversationId) ?? 0, this.knownHead(conversationId) ?? 0);
    const full = async (block: number) => (await read(block)).length >= fullSize(block);
    let low = blockOf(hint); // every block below `low` is full (hints only ever grow)
    if (await full(low)) {
      let step = 1;
      let high = low + step;
      while (await full(high)) {
        low = high;
        step *= 2;
        high = low + step;
      }
      // `low` is full, `high` is not: the first block that is not full lies in (low, high].
      while (high - low > 1) {
        const middle = Math.floor((low + high) / 2);
        if (await full(middle)) low = middle;
        else high = middle;
      }
      low = high;
    }
    const docs = await read(low);
    if (!isDenseHead(docs, low)) return null;
    const head = docs.length > 0 ? (docs.at(-1)!.seq as number) : Math.max(0, low * BLOCK - 1);
    this.remember(conversationId, head);
    return head;
  }

  private async backfilled(): Promise<boolean> {
    return (await this.db.collection(MARKER.collection).findOne({ _id: MARKER.id as never })) !== null;
  }
}

/** A block that is not full holds the head only if it starts at its first seq with no gap (sorted by seq). */
function isDenseHead(docs: Document[], block: number): boolean {
  const first = Math.max(1, block * BLOCK);
  return docs.every((doc, i) => doc.seq === first + i);
}

/**
 * Gives every message stored before blocks existed its block, then records that it is done, so pages by block
 * are served only from a database where every message has one. Idempotent; the marker makes later starts cost
 * one read.
 */
export async function backfillSeqBlocks(db: Db, log: Collection<Document>): Promise<number> {
  const markers = db.collection(MARKER.collection);
  if (await markers.findOne({ _id: MARKER.id as never })) return 0;
  let updated = 0;
  for (;;) {
    const batch = await log
      .find({ kind: 'm', seqBlock: { $exists: false } }, { projection: { seq: 1, conversationId: 1 } })
      .limit(500)
      .toArray();
    if (batch.length === 0) break;
    for (const doc of batch) {
      await log.updateOne(
        { _id: doc._id, conversationId: doc.conversationId },
        { $set: { seqBlock: blockOf(doc.seq as number) } },
      );
      updated += 1;
    }
  }
  // Two nodes starting together both get here: the second upsert may meet the first's insert (E11000; real MongoDB
  // retries that itself, FerretDB does not). Either way the marker is there, which is all this records.
  await markers
    .updateOne({ _id: MARKER.id as never }, { $set: { at: new Date() } }, { upsert: true })
    .catch((error: unknown) => {
      if ((error as { code?: number }).code !== 11000) throw error;
    });
  return updated;
}
