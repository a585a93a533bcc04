import { winston, formats } from '@strapi/logger';

// LOG_LEVEL=warn keeps the test output readable; the default shows each request.
export default {
  // Formatting happens in the transport, after its level check: Strapi's default logger-wide format
  // would format (timestamp and all) every request line even when LOG_LEVEL drops it. What must
  // happen here is what Strapi's did for a logged Error: the transport works on a copy of the
  // entry, which would lose an Error's message and stack (not enumerable).
  format: winston.format((info) => (info instanceof Error ? { ...info, message: `${info.message}${info.stack ? `\n${info.stack}` : ''}` } : info))(),
  transports: [
    new winston.transports.Console({
      level: process.env.LOG_LEVEL ?? 'http',
      format: winston.format.combine(formats.levelFilter(process.env.LOG_LEVEL ?? 'http'), formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })),
    }),
  ],
};
