import type { Core } from '@strapi/strapi';
import { secrets } from '../src/platform/config/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams): Core.Config.Server => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('PORT', 1337),
  url: env('PUBLIC_URL', ''),
  app: {
    keys: secrets(env, 'APP_KEYS'),
  },
});
