import type Joi from 'joi';
import { COMMANDS, FRAMES } from './ws/protocol.js';

type Description = {
  type?: string;
  flags?: { presence?: string; description?: string; only?: boolean };
  keys?: Record<string, Description>;
  allow?: unknown[];
  matches?: { schema: Description }[];
};

const typeOf = (d: Description): string => {
  if (d.flags?.only && d.allow?.length) return d.allow.map((v) => JSON.stringify(v)).join(' \\| ');
  // Alternatives of typed objects (the events) are named by their `type`.
  if (d.type === 'alternatives')
    return (d.matches ?? [])
      .map((m) => (m.schema.keys?.type ? `{ type: ${typeOf(m.schema.keys.type)} }` : typeOf(m.schema)))
      .join(' \\| ');
  return d.type ?? 'any';
};

const rows = (name: string, schema: Joi.Schema) => {
  const d = schema.describe() as Description;
  const fields = Object.entries(d.keys ?? {})
    .filter(([key]) => key !== 'type' && key !== 'id')
    .map(([key, field]) => `\`${key}\`${field.flags?.presence === 'required' ? '' : '?'}: ${typeOf(field)}`)
    .join(', ');
  return `| \`${name}\` | ${fields || '—'} | ${d.flags?.description ?? ''} |`;
};

/**
 * The protocol's tables for docs/websocket.md, rendered from the same schemas as /api/asyncapi.json
 * (the spec beside this file checks the document holds the current rendering).
 */
export function protocolTables(): string {
  return [
    '### Commands (client -> server; each also has `id`)',
    '',
    '| type | fields | what it does |',
    '| --- | --- | --- |',
    ...Object.entries(COMMANDS).map(([name, schema]) => rows(name, schema)),
    '',
    '### Frames (server -> client)',
    '',
    '| type | fields | when |',
    '| --- | --- | --- |',
    ...Object.entries(FRAMES).map(([name, schema]) => rows(name, schema)),
  ].join('\n');
}
