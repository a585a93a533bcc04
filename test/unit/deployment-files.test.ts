import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

const root = path.join(__dirname, '..', '..');

describe('docker-compose.yml and the Dockerfile', () => {
  const compose = YAML.parse(fs.readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'));
  const cms = compose.services.cms;

  it('parse, and start the cms after a healthy PostgreSQL', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['cms', 'mailpit', 'postgres']);
    expect(cms.depends_on.postgres).toEqual({ condition: 'service_healthy' });
  });

  it('watch the cms by its readiness, and give it its metrics token and log format', () => {
    expect(cms.healthcheck.test.join(' ')).toContain('/api/health/ready');
    expect(cms.environment.METRICS_TOKEN).toBeTruthy();
    expect(cms.environment.LOG_FORMAT).toMatch(/json/);
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile).toMatch(/HEALTHCHECK[\s\S]*\/api\/health\/ready/);
  });

  it('seed the demo stack before the cms starts, and copy the contract before npm ci', () => {
    expect(cms.command.join(' ')).toMatch(/database\/seed\.ts && exec .*strapi\.js start/);
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    expect(dockerfile.indexOf('COPY contract/')).toBeGreaterThan(-1);
    expect(dockerfile.indexOf('COPY contract/')).toBeLessThan(dockerfile.indexOf('RUN npm ci'));
  });

  it('give the nightly backup its tools and a volume for its archives', () => {
    const dockerfile = fs.readFileSync(path.join(root, 'Dockerfile'), 'utf8');
    const runtime = dockerfile.slice(dockerfile.indexOf('AS runtime'));
    expect(runtime).toMatch(/apt-get install -y --no-install-recommends postgresql-client/);
    expect(runtime).toMatch(/chown node:node [^\n]*\/app\/backups/);
    expect(cms.volumes).toContain('backups:/app/backups');
    expect(compose.services.postgres.image).toBe('postgres:15'); // what Debian 12's postgresql-client reads
  });
});
