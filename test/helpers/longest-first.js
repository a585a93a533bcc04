// Runs the longest test files first, so that the last one to start does not end long after the
// others (a fresh checkout has no timings yet: Jest would then go by file size, and the groups of
// test/api/groups/ are a few lines long). Uses the durations Jest recorded when it has them,
// otherwise the rough ones below (seconds on an idle 2-core machine), otherwise the file size.
const Sequencer = require('@jest/test-sequencer').default;
const fs = require('node:fs');
const path = require('node:path');

const EXPECTED_SECONDS = {
  'test/api/groups/matrices.test.ts': 75,
  'test/api/groups/follow-up.test.ts': 65,
  'test/api/groups/data.test.ts': 60,
  'test/api/groups/security.test.ts': 60,
  'test/api/groups/workflow.test.ts': 45,
  'test/api/crash-safety.test.ts': 40,
  'test/api/two-instances.test.ts': 30,
  'test/api/backup-restore.test.ts': 10,
};
const root = path.join(__dirname, '..', '..');

class LongestFirst extends Sequencer {
  sort(tests) {
    const expected = (test) => {
      const recorded = this.time(test);
      if (recorded) return recorded;
      const seconds = EXPECTED_SECONDS[path.relative(root, test.path).split(path.sep).join('/')];
      if (seconds) return seconds * 1000;
      return fs.statSync(test.path).size / 100; // unit and component files: small, and quick
    };
    return [...tests].map((test) => ({ test, ms: expected(test) })).sort((a, b) => b.ms - a.ms).map((t) => t.test);
  }
}

module.exports = LongestFirst;
