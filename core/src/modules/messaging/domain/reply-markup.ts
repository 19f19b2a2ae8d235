/**
 * Buttons under a bot's message (Telegram's inline keyboard): rows of buttons, each either sending the bot a
 * callback with its data when pressed, or opening a URL.
 */
export interface InlineButton {
  text: string;
  /** Pressed: the bot gets a callback_query with this (1-64 bytes). */
  callbackData?: string;
  /** Pressed: the URL opens (http or https). */
  url?: string;
}

export interface ReplyMarkup {
  inlineKeyboard: InlineButton[][];
}

export const MAX_BUTTONS = 100;
const MAX_BUTTON_TEXT = 64;
const MAX_CALLBACK_BYTES = 64;

const utf8Bytes = (text: string) => {
  let bytes = 0;
  for (const char of text) {
    const code = char.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
};

/**
 * Reads a keyboard in the Bot API's shape (`{inline_keyboard: [[{text, callback_data | url}]]}`) or Parley's
 * (`{inlineKeyboard: [[{text, callbackData | url}]]}`); a reason when it is not one. No rows is no keyboard (null).
 */
export function readReplyMarkup(value: unknown): ReplyMarkup | null | string {
  if (value === null) return null;
  const raw = value as { inline_keyboard?: unknown; inlineKeyboard?: unknown } | undefined;
  const rows = raw?.inlineKeyboard ?? raw?.inline_keyboard;
  if (!Array.isArray(rows) || rows.some((row) => !Array.isArray(row)))
    return 'must be an inline keyboard: a list of rows of buttons';
  const keyboard: InlineButton[][] = [];
  let count = 0;
  for (const row of rows as unknown[][]) {
    const buttons: InlineButton[] = [];
    for (const entry of row) {
      const b = (entry ?? {}) as { text?: unknown; callbackData?: unknown; callback_data?: unknown; url?: unknown };
      const data = b.callbackData ?? b.callback_data;
      if (typeof b.text !== 'string' || !b.text.trim() || [...b.text].length > MAX_BUTTON_TEXT)
        return `each button needs a text of 1-${MAX_BUTTON_TEXT} characters`;
      if ((data === undefined) === (b.url === undefined)) return 'each button needs either callback data or a url';
      if (data !== undefined && (typeof data !== 'string' || !data || utf8Bytes(data) > MAX_CALLBACK_BYTES))
        return `callback data must be 1-${MAX_CALLBACK_BYTES} bytes`;
      if (b.url !== undefined && (typeof b.url !== 'string' || !/^https?:\/\/\S{1,2040}$/.test(b.url)))
        return 'a button url must be an http(s) URL';
      buttons.push({
        text: b.text,
        ...(data !== undefined ? { callbackData: data as string } : { url: b.url as string }),
      });
      count += 1;
    }
    if (buttons.length) keyboard.push(buttons);
  }
  if (count > MAX_BUTTONS) return `at most ${MAX_BUTTONS} buttons`;
  return keyboard.length ? { inlineKeyboard: keyboard } : null;
}

/** Whether the keyboard has a button that sends this callback data. */
export const hasCallback = (markup: ReplyMarkup | null | undefined, data: string): boolean =>
  !!markup?.inlineKeyboard.some((row) => row.some((b) => b.callbackData === data));
