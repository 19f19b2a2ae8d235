import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';

type Message = { name: string; payload: unknown };
type Doc = {
  components: { messages: Record<string, Message>; schemas: Record<string, unknown> };
  operations: Record<string, { action: string; messages: { $ref: string }[] }>;
};

/**
 * Checks socket frames against the AsyncAPI document the API serves (/api/asyncapi.json): each command a
 * test sends and each frame it receives must be a message the document lists, matching its payload
 * schema. The socket tests run every frame through it, so the document and the gateway cannot drift.
 */
export class FrameConformance {
  private readonly byDirection: Record<'receive' | 'send', Map<string, ValidateFunction>> = {
    receive: new Map(),
    send: new Map(),
  };
  checked = 0;

  constructor(document: unknown) {
    const doc = document as Doc;
    const ajv = new Ajv({ strict: false, allErrors: true });
    (addFormats as unknown as (ajv: Ajv) => void)(ajv);
    ajv.addSchema({ components: { schemas: doc.components.schemas } }, 'asyncapi');
    for (const operation of Object.values(doc.operations)) {
      for (const { $ref } of operation.messages) {
        const message = doc.components.messages[$ref.split('/').at(-1)!]!;
        const payload = JSON.parse(
          JSON.stringify(message.payload).replace(/"#\/components\//g, '"asyncapi#/components/'),
        );
        this.byDirection[operation.action as 'receive' | 'send'].set(message.name, ajv.compile(payload));
      }
    }
  }

  /**
   * A frame a client sent (the server receives it). Frames that are not JSON objects with a type are left alone (tests
   * of malformed input).
   */
  command(frame: unknown): void {
    const type = typeOf(frame);
    if (type === null) return;
    this.check('receive', type, frame, `command ${type}`);
  }

  /** A frame the server sent. */
  frame(frame: unknown): void {
    this.check('send', typeOf(frame) ?? '(no type)', frame, `frame ${typeOf(frame)}`);
  }

  private check(direction: 'receive' | 'send', type: string, frame: unknown, what: string): void {
    const validate = this.byDirection[direction].get(type);
    if (!validate) throw new Error(`${what} is not in the AsyncAPI document`);
    if (!validate(frame))
      throw new Error(
        `${what} does not match the AsyncAPI document: ${JSON.stringify(validate.errors?.slice(0, 3))} in ` +
          `${JSON.stringify(frame).slice(0, 300)}`,
      );
    this.checked += 1;
  }
}

function typeOf(frame: unknown): string | null {
  return frame && typeof frame === 'object' && typeof (frame as { type?: unknown }).type === 'string'
    ? (frame as { type: string }).type
    : null;
}
