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
export function parseCommand(data: string): CommandFrame | null {
  try {
    const value: unknown = JSON.parse(data);
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const frame = value as Record<string, unknown>;
    if (typeof frame.type !== 'string') return null;
    return { ...frame, id: typeof frame.id === 'string' || typeof frame.id === 'number' ? String(frame.id) : '', type: frame.type };
  } catch {
    return null;
  }
}
