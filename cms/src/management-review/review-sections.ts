import { FINDING_GRADES } from '@charte/contract';
import { complaintBilan } from '../complaints/bilan';
import { gradeRules } from '../findings/audits-config';
import { findingsOfYear } from '../findings/findings-of-year';
import { indicatorsOverview } from '../indicators/report';
import { mysteryFigures } from '../mystery-tests/figures';
import { formatDay } from '../platform/calendar/clock';
import { unitSymbol } from '@charte/contract';
import { fieldLabel, modelLabels, typeLabel, typeLabels } from '../platform/config/labels';
import { heading, muted, paragraph, table, type Block } from '../platform/document/blocks';
import { formatDelta, formatRate } from '../platform/pdf/text';
import { progressOfServices } from '../progress/progress';
import { synthesisData } from '../reports/synthesis-data';
import { label } from '../reports/report-names';
import { roadmapOverview } from '../roadmap/roadmap';
import { resultsScope, surveyList, surveyResults } from '../surveys/results';
import type { ReviewContext } from './review-context';

/**
 * One chapter of the management review. The review is this list, in order: a new chapter (the
 * audit findings, say) is one more entry, drawn in the PDF and the Word file alike.
 */
export interface ReviewSection {
  id: string;
  title: string;
  build: (context: ReviewContext) => Promise<Block[]>;
}

const SERVICE = 'api::service.service';
const MEASURE = 'api::measure.measure';
const ACTION = 'api::roadmap-action.roadmap-action';

const number = (value: number | null | undefined, digits = 1) => (value === null || value === undefined ? '–' : value.toLocaleString('fr-FR', { maximumFractionDigits: digits }));
// « 12 j », « 93,1 % »: the unit's symbol from labels.yaml, kept on the figure's line.
const withUnit = (value: number, unit: string) => {
  const symbol = unitSymbol(modelLabels(), unit);
  return symbol ? `${number(value)}\u00a0${symbol}` : number(value);
};

// Survey shares are fractions (0.9 = 90 %).
const share = (value: number | null | undefined) => (value === null || value === undefined ? '–' : formatRate(Math.round(value * 1000) / 10));
const delta = (now: number | null | undefined, before: number | null | undefined) => (now === null || now === undefined || before === null || before === undefined ? '–' : formatDelta(now - before));

const conformity: ReviewSection = {
  id: 'conformity',
  title: 'Conformité par service et par thème',
  async build({ strapi, campaign }) {
    if (!campaign) return [muted('Aucune campagne d’évaluation n’a commencé cette année.')];
    // The figures of the dashboard (GET /api/progress): every sheet of the campaign, whatever its state.
    const progress = await progressOfServices(strapi, null, campaign.documentId);
    const previous = progress.meta.previousCampaign;
    const blocks: Block[] = [
      paragraph(`Campagne «\u00a0${campaign.name}\u00a0»${previous ? `, comparée à la campagne précédente du même référentiel, «\u00a0${previous.name}\u00a0»` : ' (aucune campagne antérieure du même référentiel)'}. Taux de conformité de toutes les fiches de la campagne, quel que soit leur état, comme au tableau de bord.`),
      heading(3, 'Par service'),
      table(
        [
          { header: typeLabel(SERVICE), width: 0.4 },
          { header: 'Fiches', width: 0.12, align: 'right' },
          { header: 'Taux de conformité', width: 0.16, align: 'right' },
          { header: 'Campagne précédente', width: 0.16, align: 'right' },
          { header: 'Évolution', width: 0.16, align: 'right' },
        ],
        progress.data.map((s) => [s.service.name, String(s.evaluations.total), formatRate(s.conformityRate), formatRate(s.previousConformityRate), delta(s.conformityRate, s.previousConformityRate)]),
      ),
    ];
    // Per service and theme, beside the previous campaign: the synthesis report's figures, every state counted.
    const synthesis = await synthesisData(strapi, { campaignId: campaign.documentId, draft: true });
    for (const service of synthesis.services) {
      const now = synthesis.rates.get(service.id);
      const before = synthesis.previousRates.get(service.id);
      const rows = synthesis.themes.filter((t) => now?.has(t.code) || before?.has(t.code)).map((t) => [`${t.code} — ${t.title}`, formatRate(now?.get(t.code)), formatRate(before?.get(t.code)), delta(now?.get(t.code), before?.get(t.code))]);
      if (!rows.length) continue;
      blocks.push(
        heading(3, `${service.name} : par thème`),
        table(
          [
            { header: typeLabel('api::theme.theme'), width: 0.52 },
            { header: 'Taux de conformité', width: 0.16, align: 'right' },
            { header: 'Campagne précédente', width: 0.16, align: 'right' },
            { header: 'Évolution', width: 0.16, align: 'right' },
          ],
          rows,
        ),
      );
    }
    return blocks;
  },
};

const indicators: ReviewSection = {
  id: 'indicators',
  title: 'Indicateurs et objectifs',
  async build({ strapi, caller, asOf, asOfDay }) {
    const overview = await indicatorsOverview(strapi, caller, asOf);
    const rows = overview.indicators.flatMap((i) =>
      i.latest.map((m) => [
        `${i.code} — ${i.name}`,
        m.service.name,
        m.period.label,
        withUnit(m.value, i.unit),
        i.target === null ? '–' : `${i.direction === 'higher' ? 'min.' : 'max.'}\u00a0${withUnit(i.target, i.unit)}`,
        m.meetsTarget === null ? '–' : m.meetsTarget ? 'atteint' : 'non atteint',
      ]),
    );
    if (!rows.length) return [muted('Aucune mesure validée.')];
    const met = overview.indicators.flatMap((i) => i.latest).filter((m) => m.meetsTarget !== null);
    return [
      paragraph(`Dernière mesure validée de chaque indicateur et service au ${formatDay(asOfDay)} : ${met.filter((m) => m.meetsTarget).length} objectif(s) atteint(s) sur ${met.length}.`),
      table(
        [
          { header: typeLabel('api::indicator.indicator'), width: 0.34 },
          { header: typeLabel(SERVICE), width: 0.17 },
          { header: fieldLabel(MEASURE, 'period'), width: 0.13 },
          { header: fieldLabel(MEASURE, 'value'), width: 0.11, align: 'right' },
          { header: 'Objectif', width: 0.13, align: 'right' },
          { header: 'Atteint', width: 0.12 },
        ],
        rows,
      ),
    ];
  },
};

const complaints: ReviewSection = {
  id: 'complaints',
  title: 'Bilan des réclamations et suggestions',
  async build({ strapi, caller, year }) {
    const bilan = await complaintBilan(strapi, caller, { year: String(year) });
    if (!bilan.total) return [muted(`Aucune réclamation ni suggestion reçue en ${year}.`)];
    const rate = bilan.responseRate;
    return [
      paragraph(
        `${bilan.total} demande(s) reçue(s) en ${year} ; ${rate.answeredInTime} répondue(s) dans le délai de ${bilan.deadline.days} jours${bilan.deadline.counting === 'working' ? ' ouvrés' : ''}, soit un taux de réponse dans les délais de ${formatRate(rate.rate)}. Délai moyen de réponse : ${number(bilan.delays.averageDays)} jour(s), médian : ${number(bilan.delays.medianDays)}, maximal : ${number(bilan.delays.maxDays)} ; ${bilan.delays.stillOpenLate} demande(s) encore ouverte(s) en retard.`,
      ),
      table(
        [
          { header: fieldLabel('api::complaint.complaint', 'kind'), width: 0.7 },
          { header: 'Demandes', width: 0.3, align: 'right' },
        ],
        bilan.byKind.map((k) => [k.label, String(k.count)]),
      ),
      table(
        [
          { header: typeLabel(SERVICE), width: 0.46 },
          { header: 'Reçues', width: 0.18, align: 'right' },
          { header: 'Répondues à temps', width: 0.18, align: 'right' },
          { header: 'En retard', width: 0.18, align: 'right' },
        ],
        bilan.byService.map((s) => [s.label, String(s.count), String(s.answeredInTime), String(s.lateOrOpenLate)]),
      ),
    ];
  },
};

const surveys: ReviewSection = {
  id: 'surveys',
  title: 'Satisfaction des usagers et des agents',
  async build({ strapi, caller, year }) {
    const scope = await resultsScope(strapi, caller);
    const ofYear = (await surveyList(strapi, scope)).filter((s) => s.opensAt.startsWith(String(year)));
    if (!ofYear.length) return [muted(`Aucune enquête ouverte en ${year}.`)];
    const blocks: Block[] = [];
    for (const summary of ofYear) {
      const results = await surveyResults(strapi, summary.documentId, scope);
      const overall = results.overall;
      blocks.push(
        heading(3, results.survey.title),
        paragraph(
          overall.masked
            ? `${overall.responses} réponse(s) : trop peu pour publier des résultats sans lever l’anonymat.`
            : `${overall.responses} réponse(s) ; ${share(overall.satisfaction.share)} de réponses satisfaites (objectif : ${share(results.target)})${overall.netSatisfaction === null ? '' : `, satisfaction nette ${number(overall.netSatisfaction * 100)} points`}.`,
        ),
      );
      const scored = overall.questions.filter((q) => q.satisfaction);
      if (!overall.masked && scored.length)
        blocks.push(
          table(
            [
              { header: 'Question', width: 0.64 },
              { header: 'Nombre de réponses', width: 0.16, align: 'right' },
              { header: 'Satisfaits', width: 0.2, align: 'right' },
            ],
            scored.map((q) => [q.label, String(q.answered), share(q.satisfaction!.share)]),
          ),
        );
    }
    return blocks;
  },
};

const mystery: ReviewSection = {
  id: 'mystery-tests',
  title: 'Résultats des tests mystères',
  async build({ strapi, caller, year }) {
    const waves = (await mysteryFigures(strapi, caller, {})).campaigns.filter((w) => w.startDate.startsWith(String(year)));
    if (!waves.length) return [muted(`Aucune vague de tests mystères validée en ${year}.`)];
    const blocks: Block[] = [];
    for (const wave of waves) {
      const figures = await mysteryFigures(strapi, caller, { campaign: wave.documentId });
      blocks.push(
        heading(3, `${wave.title} (du ${formatDay(wave.startDate)} au ${formatDay(wave.endDate)})`),
        table(
          [
            { header: typeLabel(SERVICE), width: 0.28 },
            { header: 'Canal', width: 0.2 },
            { header: 'Tests', width: 0.08, align: 'right' },
            { header: 'Note', width: 0.12, align: 'right' },
            { header: 'Vague précédente', width: 0.18, align: 'right' },
            { header: 'Évolution', width: 0.14, align: 'right' },
          ],
          figures.rows.map((r) => [r.service.name, r.channelLabel, String(r.tests), formatRate(r.score), formatRate(r.previousScore), delta(r.score, r.previousScore)]),
        ),
      );
    }
    return blocks;
  },
};

const roadmap: ReviewSection = {
  id: 'roadmap',
  title: 'Feuille de route',
  async build({ strapi, caller, asOf, asOfDay }) {
    const overview = await roadmapOverview(strapi, caller, { groupBy: 'service' }, asOf);
    if (!overview.meta.total) return [muted('Aucune action dans la feuille de route.')];
    const late = overview.data.flatMap((g) => g.actions.filter((a) => a.late));
    const blocks: Block[] = [
      paragraph(`${overview.meta.total} action(s), dont ${overview.data.reduce((n, g) => n + g.counts.done, 0)} abouties et ${overview.meta.late} en retard au ${formatDay(asOfDay)}.`),
      table(
        [
          { header: typeLabel(SERVICE), width: 0.46 },
          { header: 'Actions', width: 0.18, align: 'right' },
          { header: 'Abouties', width: 0.18, align: 'right' },
          { header: 'En retard', width: 0.18, align: 'right' },
        ],
        overview.data.map((g) => [g.label, String(g.counts.total), String(g.counts.done), String(g.counts.late)]),
      ),
      heading(3, 'Actions en retard'),
    ];
    if (!late.length) blocks.push(muted('Aucune action en retard.'));
    else
      blocks.push(
        table(
          [
            { header: fieldLabel(ACTION, 'title'), width: 0.4 },
            { header: typeLabel(SERVICE), width: 0.22 },
            { header: fieldLabel(ACTION, 'dueDate'), width: 0.14 },
            { header: 'Avancement', width: 0.24 },
          ],
          late.map((a) => [a.title, a.service?.name ?? '–', a.dueDate ? formatDay(a.dueDate, 'short') : '–', `${label(a.status)} (${a.progress}\u00a0%)`]),
        ),
      );
    return blocks;
  },
};

const FINDING = 'api::audit-finding.audit-finding';

const findings: ReviewSection = {
  id: 'audit-findings',
  get title() {
    return typeLabels(FINDING)?.plural ?? typeLabel(FINDING);
  },
  async build({ strapi, caller, year }) {
    const list = await findingsOfYear(strapi, caller, year);
    if (!list.length) return [muted(`Aucun constat d’audit soumis en ${year}.`)];
    const counts = [...FINDING_GRADES]
      .reverse()
      .map((grade) => [label(grade), list.filter((f) => f.grade === grade).length] as const)
      .filter(([, n]) => n > 0)
      .map(([name, n]) => `${name.toLowerCase()} : ${n}`);
    const open = list.filter((f) => gradeRules(f.grade)?.nonConformity && f.state !== 'settled').length;
    return [
      paragraph(`${list.length} constat(s) d’audit soumis en ${year} (${counts.join(', ')}) ; ${open} non-conformité(s) pas encore close(s).`),
      table(
        [
          { header: fieldLabel(FINDING, 'grade'), width: 0.17 },
          { header: typeLabel(SERVICE), width: 0.17 },
          { header: fieldLabel(FINDING, 'criterion'), width: 0.26 },
          { header: fieldLabel(FINDING, 'workflowState'), width: 0.1 },
          { header: 'Action corrective', width: 0.3 },
        ],
        list.map((f) => [
          label(f.grade),
          f.service,
          f.criterion ?? '–',
          label(f.state),
          f.action ? `${f.action.title} (${label(f.action.status)}${f.action.dueDate ? `, échéance ${formatDay(f.action.dueDate, 'short')}` : ''})` : gradeRules(f.grade)?.nonConformity ? 'aucune pour l’instant' : '–',
        ]),
      ),
    ];
  },
};

const decisions: ReviewSection = {
  id: 'decisions',
  title: 'Décisions',
  async build({ decisions }) {
    if (!decisions.trim()) return [muted('Aucune décision enregistrée pour l’instant : saisissez-les sur la page de la revue, ou dans ce document Word.')];
    return decisions
      .split(/\n{2,}/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map((p) => paragraph(p));
  },
};

/** The chapters of the review, in reading order. */
export const REVIEW_SECTIONS: ReviewSection[] = [conformity, indicators, complaints, surveys, mystery, roadmap, findings, decisions];
