import type { RealtimeEvent } from '@parley/core';

/** What the server writes for a realtime event: conversation events keep conversationId and eventSeq. */
export function eventFrame(event: RealtimeEvent): Record<string, unknown> {
  if (event.kind === 'conversation') {
    const { payload, ...envelope } = event.event;
    return { type: payload.type, ...envelope, payload };
  }
  return { ...event.event };
}

export interface CommandFrame {
  id: string;
  type: string;
  [key: string]: unknown;
}

/** Parses a client frame; null when it is not a JSON object with a string id and type. */
/** The id of a frame that is not a command (no string `type`), when it has one: its error frame echoes it. */
export function idOfMalformed(data: string): string | null {
  try {
    const id: unknown = (JSON.parse(data) as { id?: unknown } | null)?.id;
    return typeof id === 'string' || typeof id === 'number' ? String(id) : null;
  } catch {
    return null;
  }
}

export function parseCommand(data: string): CommandFrame | null {
  try {
    const value: unknown = JSON.parse(data);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const frame = value as Record<string, unknown>;
    if (typeof frame.type !== 'string') return null;
    return {
      ...frame,
      id: typeof frame.id === 'string' || typeof frame.id === 'number' ? String(frame.id) : '',
      type: frame.type,
    };
  } catch {
    return null;
  }
}

/**
 * The bytes of each event's frame, built once however many sockets it goes to. Keyed by the event
 * object, which the publisher shares between every subscriber on a node (see EventPublisher.subscribe);
 * entries go with the event. Event frames carry nothing viewer-specific, so one frame serves every viewer.
 */
export class SharedFrames {
  private readonly frames = new WeakMap<RealtimeEvent, Buffer>();
  built = 0;

  of(event: RealtimeEvent): Buffer {
    let frame = this.frames.get(event);
    if (!frame) {
      frame = Buffer.from(JSON.stringify({ type: 'event', event: eventFrame(event) }));
      this.frames.set(event, frame);
      this.built += 1;
    }
    return frame;
  }
}
