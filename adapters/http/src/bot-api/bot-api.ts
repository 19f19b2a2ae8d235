import express, { type NextFunction, type Request, type Response, type Router } from 'express';
import multer from 'multer';
import type { Logger } from '@parley/core';
import { BotApiError } from './telegram.js';
import { BOT_METHODS } from './bot-methods.js';
import { methodKit, value, type BotApiModules, type Files, type Method, type Params } from './method-kit.js';
import { fileMethods } from './file-methods.js';
import { messageMethods } from './message-methods.js';
import { chatMethods } from './chat-methods.js';

export type { BotApiModules } from './method-kit.js';

/** Each method's parameter schema, by its name in lower case (method names are case-insensitive). */
const SCHEMAS = new Map(Object.entries(BOT_METHODS).map(([name, method]) => [name.toLowerCase(), method.params]));

/** Parts a multipart call may carry (a file and its thumbnail; Telegram's methods name a few at most). */
const MAX_PARTS = { files: 4, fields: 64 };

/**
 * The Telegram Bot API on Parley: `/bot<token>/<method>` (GET with a query, POST with JSON, a form or
 * multipart/form-data with files), answering
 * `{ok, result}` or `{ok: false, error_code, description[, parameters.retry_after]}` as Telegram does. Each call
 * signs the bot in by its token and runs the core's use cases as the bot's user, so a bot can do in a
 * conversation what a member can, and nothing in one it is not in. Method names are case-insensitive.
 */
export function botApiRouter(
  modules: BotApiModules,
  logger: Logger,
  limits: { bodyLimitBytes: number; maxUploadBytes: number },
): Router {
  const { bots } = modules;
  const kit = methodKit(modules);
  const methods: Record<string, Method> = {
    ...chatMethods(modules, kit),
    ...messageMethods(modules, kit),
    ...fileMethods(modules, kit),
  };

  for (const name of Object.keys(methods))
    if (!SCHEMAS.has(name)) throw new Error(`the Bot API method ${name} has no parameter schema (bot-methods.ts)`);
  const router = express.Router();
  const bodies = [
    express.json({ limit: limits.bodyLimitBytes }),
    express.urlencoded({ extended: false, limit: limits.bodyLimitBytes }),
    multer({
      storage: multer.memoryStorage(),
      limits: { ...MAX_PARTS, fileSize: limits.maxUploadBytes, fieldSize: limits.bodyLimitBytes },
    }).any(),
  ];
  router.all(/^\/bot([^/]+)\/([A-Za-z]+)$/, ...bodies, async (req: Request, res: Response) => {
    const answer = (status: number, body: unknown) => res.status(status).json(body);
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.setHeader('allow', 'GET, POST');
      return answer(405, { ok: false, error_code: 405, description: 'Method Not Allowed' });
    }
    try {
      const params = req.params as unknown as Record<string, string>;
      const name = String(params[1]).toLowerCase();
      const method = methods[name];
      const bot = value(await bots.authenticateBot.execute({ token: decodeURIComponent(String(params[0])) }));
      if (!method) throw new BotApiError(404, 'Not Found');
      const body = req.body as unknown;
      if (body !== undefined && (typeof body !== 'object' || body === null || Array.isArray(body)))
        throw new BotApiError(400, 'Bad Request: the parameters must be an object');
      const input = { ...(req.query as Params), ...((body as Params | undefined) ?? {}) };
      const checked = SCHEMAS.get(name)!.validate(input, { allowUnknown: true, convert: false });
      if (checked.error) throw new BotApiError(400, `Bad Request: ${checked.error.message}`);
      const files: Files = {};
      for (const file of (req.files as Express.Multer.File[] | undefined) ?? [])
        files[file.fieldname] = { bytes: file.buffer, filename: file.originalname, contentType: file.mimetype };
      answer(200, { ok: true, result: await method(bot, input, files) });
    } catch (error) {
      const failure =
        error instanceof BotApiError ? error : new BotApiError(500, 'Internal Server Error: something went wrong');
      if (!(error instanceof BotApiError)) logger.error('bot api call failed', { error: String(error) });
      answer(failure.code, {
        ok: false,
        error_code: failure.code,
        description: failure.description,
        ...(failure.retryAfter ? { parameters: { retry_after: failure.retryAfter } } : {}),
      });
    }
  });
  // A body the parsers could not read (broken JSON, too large): Telegram's shape, not the REST API's.
  router.use(
    /^\/bot[^/]+\/.*$/,
    (error: { status?: number; code?: string }, _req: Request, res: Response, next: NextFunction) => {
      if (!error) return next();
      const code = error.status === 413 || error.code === 'LIMIT_FILE_SIZE' ? 413 : 400;
      const description = code === 413 ? 'Request Entity Too Large' : "Bad Request: can't parse the request body";
      res.status(code).json({ ok: false, error_code: code, description });
    },
  );
  // getFile's downloads: /file/bot<token>/<file_path>, for the bot that may read the file.
  // (Described in the Bot API's own document, as its methods are.)
  router.all(/^\/file\/bot([^/]+)\/(.+)$/, async (req: Request, res: Response) => {
    const params = req.params as unknown as Record<string, string>;
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return res.status(405).json({ ok: false, error_code: 405, description: 'Method Not Allowed' });
    }
    try {
      const bot = value(await bots.authenticateBot.execute({ token: decodeURIComponent(String(params[0])) }));
      const file = value(await bots.readBotFile.execute({ principal: bot, filePath: String(params[1]) }));
      res.setHeader('content-type', file.contentType);
      res.setHeader('x-content-type-options', 'nosniff');
      res.attachment(file.filename);
      res.status(200).end(Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
    } catch (error) {
      const failure = error instanceof BotApiError ? error : new BotApiError(500, 'Internal Server Error');
      if (!(error instanceof BotApiError)) logger.error('bot file download failed', { error: String(error) });
      const code = failure.code === 401 || failure.code >= 500 ? failure.code : 404;
      res
        .status(code)
        .json({ ok: false, error_code: code, description: code === 404 ? 'Not Found' : failure.description });
    }
  });
  // Anything else under /bot<token>/… that is no method: as Telegram, 404.
  router.all(/^\/bot[^/]+\/.*$/, (_req, res) => {
    res.status(404).json({ ok: false, error_code: 404, description: 'Not Found' });
  });
  return router;
}
