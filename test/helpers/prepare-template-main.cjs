// The demo database of a test run, prepared in its own process while the first suites start (see
// global-setup.ts): one boot on the empty database creates the schema, then the demo town is loaded
// as `npm run seed` loads it (database/seed, TypeScript run through tsx).
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');
require('tsx/cjs');
const { seedDemoTown } = require('../../database/seed/seed-demo.ts');

const cmsDir = process.env.CHARTE_CMS_DIR;
const distDir = process.env.CHARTE_TEST_DIST ? path.resolve(cmsDir, process.env.CHARTE_TEST_DIST) : path.join(cmsDir, 'dist');

// The parent's IPC channel closes when it dies: never outlive the test run.
process.on('disconnect', () => process.exit(1));

async function main() {
  const app = createStrapi({ appDir: cmsDir, distDir });
  await app.load();
  await seedDemoTown(app);
  await app.destroy();
}

main().then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
    process.exit(1);
  },
);
