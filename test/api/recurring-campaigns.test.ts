import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { testDistDir } from '../helpers/compiled-cms';
import { startStrapi, stopStrapi } from '../helpers/strapi';

/* eslint-disable @typescript-eslint/no-require-imports -- the compiled modules the running cms uses */
const dist = (module: string) => require(path.join(testDistDir(), 'src', module));

let app: Core.Strapi;
beforeAll(async () => {
  app = await startStrapi();
}, 120_000);
afterAll(() => stopStrapi(app));

const campaignsNamed = (name: string) => app.db.query('api::campaign.campaign').findMany({ where: { name }, populate: { services: { select: ['slug'] } } });
const evaluationsOf = (campaignId: number) => app.db.query('api::evaluation.evaluation').count({ where: { campaign: { id: campaignId } } });
const run = (now: string) => dist('platform/jobs/scheduled-jobs').runScheduledJob(app, 'recurring-campaigns', new Date(now));

describe('recurring self-evaluation (config/recurring-campaigns.yaml)', () => {
  // The demo's « Autodiagnostic 2025 » (auto-évaluation, Qualivilles) started on 2025-03-03; the rule says every 12 months.
  it('creates nothing before the next one is due', async () => {
    const [outcome] = await dist('recurring-campaigns/recurring-campaigns').runRecurringCampaigns(app, new Date('2026-03-02T12:00:00Z'));
    expect(outcome).toEqual({ rule: 'qualivilles-ville / auto-evaluation', outcome: 'not-due', dueOn: '2026-03-03' });
    await run('2026-03-02T12:00:00Z');
    expect(await campaignsNamed('Auto-évaluation 2026')).toHaveLength(0);
  });

  it('creates the next one when due, from the last one: same services, its evaluations, dates from the rule', async () => {
    await run('2026-03-03T05:00:00Z'); // 6 h in Paris
    const [campaign] = await campaignsNamed('Auto-évaluation 2026');
    expect(campaign).toMatchObject({ kind: 'auto-evaluation', startDate: '2026-03-03', endDate: '2026-05-01' });
    const previous = await app.db.query('api::campaign.campaign').findOne({ where: { name: 'Autodiagnostic 2025' }, populate: { services: { select: ['id', 'slug'] } } });
    expect(campaign.services.map((s: { slug: string }) => s.slug).sort()).toEqual(previous.services.map((s: { slug: string }) => s.slug).sort());
    const ids = previous.services.map((s: { id: number }) => s.id);
    const referential = await app.db.query('api::referential.referential').findOne({ where: { code: 'qualivilles-ville' } });
    const expected = await dist('campaigns/build-plan').countPairs(app, referential.id, ids);
    expect(await evaluationsOf(campaign.id)).toBe(expected);
    // Pre-filled from the référentiel's last campaign, as the builder does.
    expect(await app.db.query('api::evaluation.evaluation').count({ where: { campaign: { id: campaign.id }, prefilled: true } })).toBeGreaterThan(0);
  });

  it('is idempotent: later ticks create nothing more, until the following year', async () => {
    await run('2026-03-03T05:00:00Z');
    await run('2026-03-04T05:00:00Z');
    const [outcome] = await dist('recurring-campaigns/recurring-campaigns').runRecurringCampaigns(app, new Date('2026-09-01T05:00:00Z'));
    expect(outcome).toEqual({ rule: 'qualivilles-ville / auto-evaluation', outcome: 'not-due', dueOn: '2027-03-03' });
    expect(await campaignsNamed('Auto-évaluation 2026')).toHaveLength(1);
    expect(await campaignsNamed('Auto-évaluation 2027')).toHaveLength(0);
  });

  it('creates one campaign when several runs (instances) tick at once', async () => {
    const { applyRule } = dist('recurring-campaigns/recurring-campaigns');
    // The demo's last diagnostic started on 2026-01-12: due again six months later. A late tick starts it that day.
    const rule = { referential: 'qualivilles-ville', kind: 'diagnostic', everyMonths: 6, name: 'Diagnostic {année}', durationDays: 30, prefill: false, enabled: true };
    const outcomes = await Promise.all([1, 2, 3].map(() => applyRule(app, rule, new Date('2026-07-20T08:00:00Z'))));
    expect(outcomes.map((o: { outcome: string }) => o.outcome).sort()).toEqual(['created', 'exists', 'exists']);
    const campaigns = await campaignsNamed('Diagnostic 2026');
    expect(campaigns).toHaveLength(1);
    expect(campaigns[0]).toMatchObject({ startDate: '2026-07-20', endDate: '2026-08-18' });
    expect(await app.db.query('api::evaluation.evaluation').count({ where: { campaign: { id: campaigns[0].id }, prefilled: true } })).toBe(0);
  });

  it('does nothing without a previous campaign of that kind, or for an unknown référentiel', async () => {
    const { applyRule } = dist('recurring-campaigns/recurring-campaigns');
    const rule = { referential: 'qualivilles-ville', kind: 'audit-interne', everyMonths: 12, name: 'Audit {année}', durationDays: 30, prefill: false, enabled: true };
    expect(await applyRule(app, rule, new Date())).toEqual({ rule: 'qualivilles-ville / audit-interne', outcome: 'no-template' });
    expect(await applyRule(app, { ...rule, referential: 'inconnu' }, new Date())).toEqual({ rule: 'inconnu / audit-interne', outcome: 'unknown-referential' });
  });
});
