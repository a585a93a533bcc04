import type { Core } from '@strapi/strapi';
import { duePeriod, MONTHS_IN, type Frequency } from '../../cms/src/platform/calendar/periods';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

let app: Core.Strapi;
beforeAll(async () => {
  app = await startStrapi();
});
afterAll(() => stopStrapi(app));

async function countBy(sql: string): Promise<Record<string, number>> {
  const { rows } = await app.db.connection.raw(sql);
  return Object.fromEntries(rows.map((r: { key: string; n: string }) => [r.key, Number(r.n)]));
}

describe('demo town', () => {
  it('has the four services of the brief', async () => {
    const services = await app.documents('api::service.service').findMany({ fields: ['slug'], sort: 'slug' });
    expect(services.map((s) => s.slug)).toEqual(['accueil-etat-civil', 'cabinet-du-maire', 'petite-enfance', 'scolaire-periscolaire']);
  });

  it('has the three référentiels with their themes and criteria', async () => {
    const counts = await countBy(`
      SELECT r.code AS key, count(c.id) AS n FROM referentials r
      JOIN themes_referential_lnk tr ON tr.referential_id = r.id
      JOIN criteria_theme_lnk ct ON ct.theme_id = tr.theme_id
      JOIN criteria c ON c.id = ct.criterion_id GROUP BY r.code`);
    expect(counts).toEqual({ 'qualivilles-ville': 28, 'marianne-2016': 12, 'services-publics-plus-2023': 8 });
    const themes = await countBy(`
      SELECT r.code AS key, count(*) AS n FROM referentials r JOIN themes_referential_lnk tr ON tr.referential_id = r.id GROUP BY r.code`);
    expect(themes).toEqual({ 'qualivilles-ville': 4, 'marianne-2016': 5, 'services-publics-plus-2023': 3 });
  });

  const IN_2026 = `JOIN evaluations_campaign_lnk ec ON ec.evaluation_id = e.id
      JOIN campaigns c ON c.id = ec.campaign_id AND c.name = 'Diagnostic initial 2026'`;

  it('has a closed campaign of 2025 and the running one of 2026', async () => {
    const campaigns = await app.documents('api::campaign.campaign').findMany({ fields: ['name', 'kind'], sort: 'startDate' });
    expect(campaigns.map((c) => c.name)).toEqual(['Autodiagnostic 2025', 'Diagnostic initial 2026']);
    const states = await countBy(`
      SELECT e.workflow_state AS key, count(*) AS n FROM evaluations e JOIN evaluations_campaign_lnk ec ON ec.evaluation_id = e.id
      JOIN campaigns c ON c.id = ec.campaign_id AND c.name = 'Autodiagnostic 2025' GROUP BY 1`);
    expect(states).toEqual({ approved: 92 });
  });

  it('has one evaluation per service and applicable criterion, with at least five drafts each', async () => {
    const perService = await countBy(`
      SELECT s.slug AS key, count(*) AS n FROM evaluations e ${IN_2026}
      JOIN evaluations_service_lnk l ON l.evaluation_id = e.id JOIN services s ON s.id = l.service_id GROUP BY s.slug`);
    // 18 reception + 2 satisfaction criteria for all; +4 actes for état civil; +4 prestations for schools and early childhood.
    expect(perService).toEqual({ 'accueil-etat-civil': 24, 'scolaire-periscolaire': 24, 'petite-enfance': 24, 'cabinet-du-maire': 20 });
    const drafts = await countBy(`
      SELECT s.slug AS key, count(*) AS n FROM evaluations e ${IN_2026}
      JOIN evaluations_service_lnk l ON l.evaluation_id = e.id JOIN services s ON s.id = l.service_id
      WHERE e.workflow_state = 'draft' GROUP BY s.slug`);
    for (const n of Object.values(drafts)) expect(n).toBeGreaterThanOrEqual(5);
    const states = await countBy(`SELECT workflow_state AS key, count(*) AS n FROM evaluations e ${IN_2026} GROUP BY workflow_state`);
    expect(Object.keys(states).sort()).toEqual(['approved', 'draft', 'submitted', 'validated']);
  });

  it('records a history event for every step a demo evaluation went through', async () => {
    const { rows } = await app.db.connection.raw(`
      SELECT e.document_id, e.workflow_state,
        (SELECT w.to_state FROM workflow_events w WHERE w.target_document_id = e.document_id ORDER BY w.at DESC LIMIT 1) AS last_to
      FROM evaluations e`);
    for (const row of rows) expect(row.last_to ?? 'draft').toBe(row.workflow_state);
  });

  it('has interviews, roadmap actions and charter-principle drafts', async () => {
    expect(await app.db.query('api::interview.interview').count()).toBe(4);
    // Five from the roadmap, two done this year for « Vous nous l’avez dit, nous l’avons fait ».
    expect(await app.db.query('api::roadmap-action.roadmap-action').count()).toBe(7);
    const principles = await app.db.query('api::charter-principle.charter-principle').findMany({ select: ['workflowState'] });
    expect(principles.length).toBe(3);
    expect(principles.every((p: { workflowState: string }) => p.workflowState === 'draft')).toBe(true);
  });

  describe('indicator measures', () => {
    // Every indicator × every service it applies to (its criterion's services, all when none), from SQL.
    const expected = async () =>
      (
        await app.db.connection.raw(`
          SELECT i.id, i.code, i.frequency, s.id AS service_id, s.slug FROM indicators i
          JOIN indicators_criterion_lnk ic ON ic.indicator_id = i.id
          CROSS JOIN services s
          WHERE NOT EXISTS (SELECT 1 FROM criteria_applicable_services_lnk a WHERE a.criterion_id = ic.criterion_id)
             OR EXISTS (SELECT 1 FROM criteria_applicable_services_lnk a WHERE a.criterion_id = ic.criterion_id AND a.service_id = s.id)
          ORDER BY i.code, s.slug`)
      ).rows as { id: number; code: string; frequency: Frequency; service_id: number; slug: string }[];
    const measures = async () =>
      (
        await app.db.connection.raw(`
          SELECT m.document_id, mi.indicator_id, ms.service_id, to_char(m.period, 'YYYY-MM-DD') AS period, m.value::float AS value, m.workflow_state,
            i.target::float AS target, i.direction, i.unit
          FROM measures m JOIN measures_indicator_lnk mi ON mi.measure_id = m.id JOIN measures_service_lnk ms ON ms.measure_id = m.id
          JOIN indicators i ON i.id = mi.indicator_id`)
      ).rows as { document_id: string; indicator_id: number; service_id: number; period: string; value: number; workflow_state: string; target: number | null; direction: string; unit: string }[];

    it('covers the twelve months before the period due now, for every indicator and service it applies to, all validated', async () => {
      const all = await measures();
      expect(all.length).toBeGreaterThan(100);
      const mismatches: unknown[] = [];
      for (const pair of await expected()) {
        const size = MONTHS_IN[pair.frequency];
        const due = duePeriod(new Date(), pair.frequency);
        // A measure computed from a mystery test of the period due now may already be there: the year before it is what is seeded.
        const periods = all.filter((m) => m.indicator_id === pair.id && m.service_id === pair.service_id && m.period < due).map((m) => m.period).sort();
        // 12 monthly, 4 quarterly, 2 half-yearly or 1 yearly value, each on the first day of its period, up to the one due.
        const want = Array.from({ length: 12 / size }, (_, i) => {
          const d = new Date(`${due}T00:00:00Z`);
          return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - size * (12 / size - i), 1)).toISOString().slice(0, 10);
        });
        if (JSON.stringify(periods) !== JSON.stringify(want)) mismatches.push({ indicator: pair.code, service: pair.slug, periods, want });
      }
      expect(mismatches).toEqual([]);
      expect(new Set(all.map((m) => m.workflow_state))).toEqual(new Set(['validated']));
      // Values the measure rules accept: positive, percentages within 0–100.
      expect(all.filter((m) => m.value < 0 || (m.unit === 'pourcentage' && m.value > 100))).toEqual([]);
    });

    it('has some values below target, and most on or above it', async () => {
      const all = (await measures()).filter((m) => m.target !== null);
      const missed = all.filter((m) => (m.direction === 'lower' ? m.value > m.target! : m.value < m.target!));
      expect(missed.length).toBeGreaterThan(all.length / 10);
      expect(missed.length).toBeLessThan(all.length / 2 + 1);
      // Below target on the « Indicateurs » page too, for at least one indicator's latest value.
      const jwt = await login(app, 'dgs@demo.local');
      const res = await http(app).get('/api/indicators-report').set('Authorization', `Bearer ${jwt}`);
      expect(res.status).toBe(200);
      const latest = res.body.indicators.flatMap((i: { latest: { meetsTarget: boolean | null }[] }) => i.latest);
      expect(latest.some((l: { meetsTarget: boolean | null }) => l.meetsTarget === false)).toBe(true);
      // No indicator card left saying « Aucune mesure validée ».
      expect(res.body.indicators.filter((i: { latest: unknown[] }) => i.latest.length === 0).map((i: { code: string }) => i.code)).toEqual([]);
    });

    it('went through the workflow: submitted by the service, validated by its head, as the history says', async () => {
      const { rows } = await app.db.connection.raw(`
        SELECT m.document_id, string_agg(w.action || ':' || w.role, ',' ORDER BY w.at, w.id) AS steps,
          bool_and(w.at <= now()) AS past,
          bool_and(EXISTS (SELECT 1 FROM services_heads_lnk h WHERE h.service_id = ms.service_id AND h.user_id = l.user_id) OR w.action <> 'validate') AS by_head
        FROM measures m JOIN measures_service_lnk ms ON ms.measure_id = m.id
        LEFT JOIN workflow_events w ON w.target_document_id = m.document_id
        LEFT JOIN workflow_events_actor_lnk l ON l.workflow_event_id = w.id
        -- Those computed from the validated mystery tests are born validated, with no circuit of their own.
        WHERE m.source = 'saisie'
        GROUP BY m.document_id`);
      const odd = rows.filter(
        (r: { steps: string | null; past: boolean; by_head: boolean }) => !r.steps || !/^submit:(agent|chef-de-service),validate:chef-de-service$/.test(r.steps) || !r.past || !r.by_head,
      );
      expect(odd).toEqual([]);
      // And each has its « create » entry in the change log, as a Document Service create would.
      const { rows: unaudited } = await app.db.connection.raw(`
        SELECT count(*)::int AS n FROM measures m
        WHERE NOT EXISTS (SELECT 1 FROM charte_audit_log a WHERE a.document_id = m.document_id AND a.action = 'create')`);
      expect(unaudited[0].n).toBe(0);
    });
  });

  it.each([
    ['dgs@demo.local', 'dgs'],
    ['chef.accueil@demo.local', 'chef-de-service'],
    ['chef.scolaire@demo.local', 'chef-de-service'],
    ['agent.accueil@demo.local', 'agent'],
    ['qualite@demo.local', 'referent-qualite'],
    ['auditeur@demo.local', 'auditeur'],
  ])('lets %s log in with the demo password, as %s', async (email, role) => {
    const jwt = await login(app, email);
    const me = await http(app).get('/api/users/me').set('Authorization', `Bearer ${jwt}`);
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(email);
    const user = await app.db.query('plugin::users-permissions.user').findOne({ where: { email }, populate: { role: true } });
    expect(user.role.type).toBe(role);
  });

  it('refuses a wrong password without saying whether the account exists', async () => {
    const wrong = await http(app).post('/api/auth/local').send({ identifier: 'dgs@demo.local', password: 'nope-nope-nope' });
    const unknown = await http(app).post('/api/auth/local').send({ identifier: 'personne@demo.local', password: 'nope-nope-nope' });
    expect(wrong.status).toBe(400);
    expect(unknown.status).toBe(400);
    expect(wrong.body.error.message).toBe(unknown.body.error.message);
  });

  it('has public self-registration off', async () => {
    const res = await http(app)
      .post('/api/auth/local/register')
      .send({ username: 'intrus', email: 'intrus@example.org', password: 'Intrus-2026-secret' });
    expect([403, 405]).toContain(res.status);
    expect(await app.db.query('plugin::users-permissions.user').count({ where: { email: 'intrus@example.org' } })).toBe(0);
  });

  it('has the admin accounts, the editor limited to the référentiel types', async () => {
    const editor = await app.db.query('admin::user').findOne({ where: { email: 'referentiel@demo.local' }, populate: { roles: true } });
    expect(editor.roles.map((r: { name: string }) => r.name)).toEqual(['Éditeur du référentiel']);
    const permissions = await app.db
      .query('admin::permission')
      .findMany({ where: { role: { id: editor.roles[0].id } }, select: ['action', 'subject'] });
    const writable = new Set(
      permissions.filter((p: { action: string; subject: string | null }) => p.subject && !p.action.endsWith('.read')).map((p: { subject: string }) => p.subject),
    );
    expect([...writable].sort()).toEqual(['api::criterion.criterion', 'api::indicator.indicator', 'api::referential.referential', 'api::theme.theme']);
    // Beyond content types, only the référentiel import/export page.
    expect(permissions.filter((p: { subject: string | null }) => !p.subject).map((p: { action: string }) => p.action)).toEqual(['plugin::charte-admin.referential.import']);
    const res = await http(app).post('/admin/login').send({ email: 'admin@demo.local', password: 'Charte-Accueil-2026' });
    expect(res.status).toBe(200);
  });

  it('labels every field of the admin edit views in French', async () => {
    const contentTypes = app.plugin('content-manager').service('content-types');
    for (const uid of Object.keys(app.contentTypes).filter((u) => u.startsWith('api::'))) {
      const configuration = await contentTypes.findConfiguration(contentTypes.findContentType(uid));
      for (const [field, meta] of Object.entries(configuration.metadatas as Record<string, { edit: { label: string } }>)) {
        // A French label differs from the API name (camelCase) and is not left as Strapi's default.
        expect({ uid, field, label: meta.edit.label }).not.toEqual({ uid, field, label: field });
      }
    }
    const criterion = await contentTypes.findConfiguration(contentTypes.findContentType('api::criterion.criterion'));
    expect(criterion.metadatas.expectedEvidence.edit.label).toBe('Preuves attendues');
    expect(criterion.layouts.list).toEqual(['code', 'title', 'theme', 'weight']);
  });
});
