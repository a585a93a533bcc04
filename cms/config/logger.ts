import { winston, formats } from '@strapi/logger';

// LOG_LEVEL=warn keeps the test output readable; the default shows each request.
export default {
  // Formatting happens in the transport, after its level check: Strapi's default logger-wide format
  // would format (timestamp and all) every request line even when LOG_LEVEL drops it.
  format: winston.format((info) => info)(),
  transports: [
    new winston.transports.Console({
      level: process.env.LOG_LEVEL ?? 'http',
      format: winston.format.combine(formats.levelFilter(process.env.LOG_LEVEL ?? 'http'), formats.prettyPrint({ timestamps: 'YYYY-MM-DD hh:mm:ss.SSS' })),
    }),
  ],
};
