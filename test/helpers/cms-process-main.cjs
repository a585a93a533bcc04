// One cms instance in its own Node process, started by test/helpers/cms-process.ts. Two Strapi
// instances cannot share one Jest process (Strapi keeps itself in `global.strapi`), and a real
// deployment runs each instance in its own process anyway.
const path = require('node:path');
const { createStrapi } = require('@strapi/strapi');

const cmsDir = process.env.CHARTE_CMS_DIR;
// The tests' compiled folder (see compiled-cms.ts).
const distDir = process.env.CHARTE_TEST_DIST ? path.resolve(cmsDir, process.env.CHARTE_TEST_DIST) : path.join(cmsDir, 'dist');

// The parent's IPC channel closes when it dies, even on SIGKILL: never outlive the test.
process.on('disconnect', () => process.exit(1));

async function main() {
  const app = createStrapi({ appDir: cmsDir, distDir });
  await app.start();
  const queue = process.env.CHARTE_TEST_SCHEDULE;
  if (queue) {
    // The same pg-boss the app uses (one per process, on Strapi's pool), as a bootstrap would
    // register a cron: every instance declares it, each tick must run on one only.
    const { jobQueue } = require(path.join(distDir, 'src', 'platform', 'jobs', 'job-queue.js'));
    const boss = jobQueue();
    await boss.createQueue(queue);
    await boss.schedule(queue, '* * * * *');
    await boss.work(queue, { pollingIntervalSeconds: 1 }, async (jobs) => {
      for (const job of jobs) process.send({ tick: job.id });
    });
  }
  process.send({ ready: true });
}

main().catch((error) => {
  process.stderr.write(`${error && error.stack ? error.stack : error}\n`);
  process.exit(1);
});
