import type { BotPrincipal } from '@parley/core';
import { BotApiError, parleyText } from './telegram.js';
import { value, type BotApiModules, type Files, type Method, type MethodKit, type Params } from './method-kit.js';

/**
 * The Bot API's methods on files: sendPhoto and sendDocument (an upload, as multipart/form-data, or a file_id the
 * bot has seen, sent again) and getFile. A file's id is its Parley media id; a bot may send or read any file of
 * its own or shared in a chat it is in. Parley does not fetch files by URL.
 */
export function fileMethods(modules: BotApiModules, kit: MethodKit): Record<string, Method> {
  const { bots, media } = modules;
  const { chat, send } = kit;

  /** The media a file parameter names: a part uploaded under its name or an attach://<part>, or a file_id. */
  const fileOf = async (bot: BotPrincipal, params: Params, files: Files, field: 'photo' | 'document') => {
    const raw = params[field];
    const attached = typeof raw === 'string' && raw.startsWith('attach://') ? raw.slice('attach://'.length) : null;
    const upload = attached !== null ? files[attached] : raw === undefined ? files[field] : undefined;
    if (attached !== null && !upload) throw new BotApiError(400, `Bad Request: file ${raw} not found in the request`);
    if (upload) {
      const stored = value(
        await media.uploadMedia.execute({ actorId: bot.user.id, field, ...upload, image: field === 'photo' }),
      );
      return stored.id;
    }
    if (typeof raw !== 'string' || raw === '')
      throw new BotApiError(400, `Bad Request: there is no ${field} in the request`);
    if (/^https?:\/\//i.test(raw))
      throw new BotApiError(400, 'Bad Request: wrong HTTP URL specified: upload the file, or send a file_id');
    const file = value(await bots.getBotFile.execute({ principal: bot, fileId: raw }));
    if (field === 'photo' && file.width === undefined) throw new BotApiError(400, 'Bad Request: type of file mismatch');
    return file.fileId;
  };

  const sendFile =
    (field: 'photo' | 'document'): Method =>
    async (bot, params, files) => {
      const conversation = await chat(bot, params);
      const mediaId = await fileOf(bot, params, files, field);
      const caption = typeof params.caption === 'string' ? parleyText(params.caption, params.parse_mode) : {};
      return send(bot, conversation.id, params, { ...caption, attachmentIds: [mediaId] });
    };

  return {
    sendphoto: sendFile('photo'),
    senddocument: sendFile('document'),
    getfile: async (bot, params) => {
      const file = value(await bots.getBotFile.execute({ principal: bot, fileId: String(params.file_id) }));
      return {
        file_id: file.fileId,
        file_unique_id: file.fileUniqueId,
        file_size: file.fileSize,
        file_path: file.filePath,
      };
    },
  };
}
