import { winston, formats } from '@strapi/logger';

/**
 * LOG_LEVEL is a threshold (error < warn < info < http < debug): a line prints when its level is at
 * or under it. Errors and warnings always print, whatever the level — the town's IT must see a mail
 * that cannot leave or a scheduled job that fails. The default, info, shows the logged mails of the
 * quick start; http adds a line per request. LOG_FORMAT=json writes one JSON object per line (time,
 * level, message, requestId, route, userId) for a log shipper: never a body, a password or a token.
 */
const LEVELS = ['error', 'warn', 'info', 'http', 'verbose', 'debug', 'silly'];

function threshold(): string {
  const asked = (process.env.LOG_LEVEL || 'info').trim().toLowerCase();
  if (!LEVELS.includes(asked)) throw new Error(`LOG_LEVEL inconnu « ${process.env.LOG_LEVEL} » : choisissez error, warn, info, http ou debug.`);
  return LEVELS.indexOf(asked) < LEVELS.indexOf('warn') ? 'warn' : asked;
}

function jsonLines(): boolean {
  const format = (process.env.LOG_FORMAT || 'text').trim().toLowerCase();
  if (format !== 'text' && format !== 'json') throw new Error(`LOG_FORMAT inconnu « ${process.env.LOG_FORMAT} » : choisissez text ou json.`);
  return format === 'json';
}

interface RequestFacts {
  requestId?: string;
  route?: string;
  userId?: number;
}

/** The request a line was logged in (Strapi keeps each request's context in an AsyncLocalStorage). */
function requestFacts(): RequestFacts {
  const ctx = (globalThis as { strapi?: { requestContext?: { get(): unknown } } }).strapi?.requestContext?.get() as
    | { state?: { requestId?: string; user?: { id?: number }; route?: { path?: string } }; _matchedRoute?: string }
    | undefined;
  if (!ctx?.state) return {};
  return { requestId: ctx.state.requestId, route: ctx._matchedRoute ?? ctx.state.route?.path, userId: ctx.state.user?.id };
}

/** The request's id (and route, user) on the line: kept out of the message so that a shipper can index it. */
const withRequest = winston.format((info) => Object.assign(info, requestFacts()));

const asJson = winston.format.printf((info) => {
  const { level, message, timestamp, requestId, route, userId, stack } = info as Record<string, unknown>;
  return JSON.stringify({ time: timestamp, level, message, requestId, route, userId, stack });
});

/** The request id, shortened, in front of the message of a text line. */
const requestTag = winston.format((info) => {
  const id = (info as { requestId?: string }).requestId;
  if (id) info.message = `(${id.slice(0, 8)}) ${String(info.message)}`;
  return info;
});

const level = threshold();

export default {
  // Formatting happens in the transport, after its level check: a logger-wide format would format
  // every request line even when the threshold drops it. What must happen here is what Strapi's
  // default did for a logged Error: the transport works on a copy of the entry, which would lose an
  // Error's message and stack (not enumerable).
  format: winston.format((info) => (info instanceof Error ? { ...info, message: info.message, stack: info.stack } : info))(),
  transports: [
    new winston.transports.Console({
      level,
      format: jsonLines()
        ? winston.format.combine(withRequest(), winston.format.timestamp(), asJson)
        : winston.format.combine(
            withRequest(),
            requestTag(),
            winston.format((info) => ((info as { stack?: string }).stack ? Object.assign(info, { message: `${String(info.message)}\n${(info as { stack?: string }).stack}` }) : info))(),
            // Colours only on a terminal: a file or a log shipper would keep the escape codes.
            formats.prettyPrint({ timestamps: true, colors: Boolean(process.stdout.isTTY) }),
          ),
    }),
  ],
};
