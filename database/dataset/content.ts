import bcrypt from 'bcryptjs';
import type { DatasetOptions } from './options';
import { CHANNELS, playTest, shippedGrids, wavesOf, type Channel } from './mystery';
import { documentIds, Random } from './random';
import { DAY, day, entityTable, LinkTable, timestamp, type EntityTable } from './tables';
import * as T from './texts';
import type { Writers } from './writer';

/**
 * Every date derives from this instant, never from the clock, so that a run today and a run next
 * year write the same bytes. The latest campaign is under way on that day.
 */
export const REFERENCE = Date.UTC(2026, 5, 30, 16, 0, 0);
const REFERENCE_YEAR = 2026;
export const PASSWORD = 'Charte-Accueil-2026';
export const EMAIL_DOMAIN = 'grande-ville.local';

type Result = 'conforme' | 'partiel' | 'non-conforme' | 'non-applicable' | 'non-evalue';
type State = 'draft' | 'submitted' | 'validated' | 'approved';
type RoleType = 'agent' | 'chef-de-service' | 'referent-qualite' | 'dgs';
const STATES: State[] = ['draft', 'submitted', 'validated', 'approved'];

const USER = 'plugin::users-permissions.user';
const EVALUATION = 'api::evaluation.evaluation';
const ROADMAP_ACTION = 'api::roadmap-action.roadmap-action';
const MEASURE = 'api::measure.measure';
const MYSTERY_TEST = 'api::mystery-test.mystery-test';
const CHANNEL_LABELS: Record<Channel, string> = { appel: 'Appel', courriel: 'Courriel', courrier: 'Courrier', 'formulaire-web': 'Formulaire web', visite: 'Visite' };

interface User {
  id: number;
  username: string;
  roleType: RoleType;
}
interface Service {
  id: number;
  name: string;
  heads: User[];
  agents: User[];
  /** How well the service does, in [-1, 1]: results and measures lean on it. */
  quality: number;
}
interface Criterion {
  id: number;
  code: string;
  title: string;
  /** Service indexes this criterion applies to; undefined = every service. */
  only?: Set<number>;
}
interface Indicator {
  id: number;
  spec: (typeof T.INDICATORS)[number];
}

export type RoleIds = Record<RoleType, number>;

/** Row writers for one run, opened in the order the rows are generated. */
function openTables(writers: Writers) {
  return {
    users: entityTable(writers, USER, ['username', 'email', 'provider', 'password', 'confirmed', 'blocked']),
    userRole: new LinkTable(writers, USER, 'role'),
    services: entityTable(writers, 'api::service.service', ['name', 'slug', 'description']),
    serviceHeads: new LinkTable(writers, 'api::service.service', 'heads'),
    serviceAgents: new LinkTable(writers, 'api::service.service', 'agents'),
    referentials: entityTable(writers, 'api::referential.referential', ['code', 'name', 'version', 'source', 'description']),
    themes: entityTable(writers, 'api::theme.theme', ['code', 'title', 'order']),
    themeReferential: new LinkTable(writers, 'api::theme.theme', 'referential'),
    criteria: entityTable(writers, 'api::criterion.criterion', ['code', 'title', 'description', 'guidance', 'expectedEvidence', 'weight', 'order']),
    criterionTheme: new LinkTable(writers, 'api::criterion.criterion', 'theme'),
    criterionServices: new LinkTable(writers, 'api::criterion.criterion', 'applicableServices'),
    indicators: entityTable(writers, 'api::indicator.indicator', ['code', 'name', 'unit', 'target', 'direction', 'frequency']),
    indicatorCriterion: new LinkTable(writers, 'api::indicator.indicator', 'criterion'),
    campaigns: entityTable(writers, 'api::campaign.campaign', ['name', 'kind', 'startDate', 'endDate']),
    campaignReferential: new LinkTable(writers, 'api::campaign.campaign', 'referential'),
    campaignServices: new LinkTable(writers, 'api::campaign.campaign', 'services'),
    evaluations: entityTable(writers, EVALUATION, ['result', 'findings', 'strengths', 'gaps', 'recommendation', 'workflowState', 'prefilled']),
    evaluationCampaign: new LinkTable(writers, EVALUATION, 'campaign'),
    evaluationService: new LinkTable(writers, EVALUATION, 'service'),
    evaluationCriterion: new LinkTable(writers, EVALUATION, 'criterion'),
    evaluationAuthor: new LinkTable(writers, EVALUATION, 'author'),
    events: entityTable(writers, 'api::workflow-event.workflow-event', [
      'targetUid', 'targetDocumentId', 'action', 'fromState', 'toState', 'actorName', 'role', 'comment', 'at',
    ]),
    eventActor: new LinkTable(writers, 'api::workflow-event.workflow-event', 'actor'),
    actions: entityTable(writers, ROADMAP_ACTION, [
      'title', 'description', 'owner', 'priority', 'startDate', 'dueDate', 'actionStatus', 'progress', 'workflowState',
    ]),
    actionService: new LinkTable(writers, ROADMAP_ACTION, 'service'),
    actionCriterion: new LinkTable(writers, ROADMAP_ACTION, 'criterion'),
    actionAuthor: new LinkTable(writers, ROADMAP_ACTION, 'author'),
    actionOwnerUser: new LinkTable(writers, ROADMAP_ACTION, 'ownerUser'),
    measures: entityTable(writers, 'api::measure.measure', ['period', 'value', 'comment', 'workflowState']),
    measureIndicator: new LinkTable(writers, 'api::measure.measure', 'indicator'),
    measureService: new LinkTable(writers, 'api::measure.measure', 'service'),
    measureAuthor: new LinkTable(writers, 'api::measure.measure', 'author'),
    complaints: entityTable(writers, 'api::complaint.complaint', [
      'kind', 'channel', 'receivedAt', 'subject', 'description', 'contactName', 'contactEmail', 'acknowledgedAt', 'answeredAt', 'outcome',
    ]),
    complaintService: new LinkTable(writers, 'api::complaint.complaint', 'service'),
    grids: entityTable(writers, 'api::mystery-grid.mystery-grid', ['title', 'channel', 'instructions', 'points']),
    waves: entityTable(writers, 'api::mystery-campaign.mystery-campaign', ['title', 'startDate', 'endDate', 'description']),
    tests: entityTable(writers, MYSTERY_TEST, [
      'title', 'channel', 'scenario', 'windowStart', 'windowEnd', 'testedAt', 'sentOn', 'answeredOn', 'answers', 'observations',
      'outcomes', 'score', 'delayDays', 'delayWorkingDays', 'workflowState',
    ]),
    testCampaign: new LinkTable(writers, MYSTERY_TEST, 'campaign'),
    testService: new LinkTable(writers, MYSTERY_TEST, 'service'),
    testGrid: new LinkTable(writers, MYSTERY_TEST, 'grid'),
    testTester: new LinkTable(writers, MYSTERY_TEST, 'tester'),
    testAuthor: new LinkTable(writers, MYSTERY_TEST, 'author'),
  };
}

type Tables = ReturnType<typeof openTables>;

/** Generates the whole town into `writers`; `drain` writes full buffers between batches. */
export class TownBuilder {
  private readonly t: Tables;
  private readonly ids = new Map<string, () => string>();
  private users: User[] = [];
  private dgs!: User;
  private qualite: User[] = [];
  private services: Service[] = [];
  private criteria: Criterion[] = [];
  private indicators: Indicator[] = [];
  private referentialId = 0;

  constructor(
    private readonly options: DatasetOptions,
    private readonly writers: Writers,
    private readonly roles: RoleIds,
  ) {
    this.t = openTables(writers);
  }

  private documentId(table: EntityTable): string {
    let next = this.ids.get(table.uid);
    if (!next) this.ids.set(table.uid, (next = documentIds(this.options.seed, table.uid)));
    return next();
  }

  /** A Strapi row: document id, timestamps, then the given columns. */
  private add(table: EntityTable, created: number, columns: Record<string, unknown>, updated = created): number {
    return table.writer.add({
      document_id: this.documentId(table),
      created_at: timestamp(created),
      updated_at: timestamp(updated),
      // No draft & publish in this app: Strapi stamps every row published when it is created.
      published_at: timestamp(created),
      ...columns,
    });
  }

  private random(stream: string): Random {
    return new Random(this.options.seed, stream);
  }

  async build(): Promise<void> {
    this.buildUsers();
    this.buildServices();
    this.buildReferential();
    await this.writers.drain();
    await this.buildCampaigns();
    await this.buildRoadmap();
    await this.buildMeasures();
    await this.buildComplaints();
    await this.buildMysteryTests();
  }

  /**
   * 1 DGS, 2 référents qualité, a head per service (a second one for one service in ten), the rest
   * agents spread over the services. With few accounts, heads lead several services.
   */
  private buildUsers(): void {
    const { users: count, services } = this.options;
    const random = this.random('users');
    // Users-permissions hashes with bcrypt at cost 10; the salt is drawn from the seed so that
    // the hash, too, is the same at every run. Computed once: every account shares the password.
    const salt = `$2a$10$${bcrypt.encodeBase64(Array.from({ length: 16 }, () => random.int(0, 255)), 16)}`;
    const password = bcrypt.hashSync(PASSWORD, salt);
    const headCount = Math.min(services + Math.floor(services / 10), Math.max(1, Math.floor((count - 3) / 2)));
    const plan: [string, RoleType][] = [['dgs', 'dgs'], ['qualite.1', 'referent-qualite'], ['qualite.2', 'referent-qualite']];
    for (let i = 1; i <= headCount; i += 1) plan.push([`chef.${i}`, 'chef-de-service']);
    for (let i = 1; plan.length < count; i += 1) plan.push([`agent.${i}`, 'agent']);
    const start = REFERENCE - 4 * 365 * DAY;
    for (const [index, [username, roleType]] of plan.entries()) {
      const created = start + index * 60_000;
      const id = this.add(this.t.users, created, {
        username,
        email: `${username}@${EMAIL_DOMAIN}`,
        provider: 'local',
        password,
        confirmed: true,
        blocked: false,
      });
      this.t.userRole.add(id, this.roles[roleType]);
      this.users.push({ id, username, roleType });
    }
    this.dgs = this.users[0];
    this.qualite = this.users.filter((u) => u.roleType === 'referent-qualite');
  }

  private buildServices(): void {
    const random = this.random('services');
    const heads = this.users.filter((u) => u.roleType === 'chef-de-service');
    const agents = this.users.filter((u) => u.roleType === 'agent');
    const created = REFERENCE - 4 * 365 * DAY + DAY;
    for (let i = 0; i < this.options.services; i += 1) {
      const base = T.SERVICE_NAMES[i % T.SERVICE_NAMES.length];
      const round = Math.floor(i / T.SERVICE_NAMES.length);
      const name = round ? `${base} – secteur ${round + 1}` : base;
      const id = this.add(this.t.services, created + i * 60_000, { name, slug: T.slugify(name), description: random.pick(T.SERVICE_DESCRIPTIONS) });
      this.services.push({ id, name, heads: [heads[i % heads.length]], agents: [], quality: random.next() * 2 - 1 });
    }
    // Heads beyond one per service become the second head of every tenth service.
    for (let h = this.services.length, s = 9; h < heads.length; h += 1, s += 10) this.services[s % this.services.length].heads.push(heads[h]);
    for (const [j, agent] of agents.entries()) this.services[j % this.services.length].agents.push(agent);
    for (const service of this.services) {
      for (const head of service.heads) this.t.serviceHeads.add(service.id, head.id);
      for (const agent of service.agents) this.t.serviceAgents.add(service.id, agent.id);
    }
  }

  /** One référentiel, ~8 themes, the criteria spread evenly over them, an indicator per 4 criteria. */
  private buildReferential(): void {
    const random = this.random('referential');
    const created = REFERENCE - 4 * 365 * DAY + 2 * DAY;
    this.referentialId = this.add(this.t.referentials, created, {
      code: 'grande-ville',
      name: 'Référentiel d’accueil de la grande ville',
      version: String(REFERENCE_YEAR - this.options.campaigns + 1),
      source: 'local',
      description: 'Référentiel généré pour les essais de montée en charge, inspiré de Qualivilles.',
    });
    const { criteria: count } = this.options;
    const themeCount = Math.min(T.THEMES.length, count);
    const themeIds: number[] = [];
    for (let t = 0; t < themeCount; t += 1) {
      const id = this.add(this.t.themes, created, { code: `T${t + 1}`, title: T.THEMES[t], order: t + 1 });
      this.t.themeReferential.add(id, this.referentialId);
      themeIds.push(id);
    }
    const restricted = Math.max(1, Math.round(this.options.services * 0.4));
    for (let k = 0; k < count; k += 1) {
      const theme = Math.floor((k * themeCount) / count);
      const stems = T.CRITERION_STEMS[theme];
      const inTheme = k - Math.ceil((theme * count) / themeCount);
      const title = `${stems[inTheme % stems.length]} ${T.QUALIFIERS[Math.floor(inTheme / stems.length) % T.QUALIFIERS.length]}`;
      const code = `GV-${String(k + 1).padStart(3, '0')}`;
      const id = this.add(this.t.criteria, created, {
        code,
        title,
        description: `L’usager peut compter sur ce point : ${title.charAt(0).toLowerCase()}${title.slice(1)}.`,
        guidance: random.pick(T.GUIDANCE),
        expected_evidence: random.pick(T.EXPECTED_EVIDENCE),
        weight: random.weighted([[1, 60], [2, 30], [3, 10]] as const),
        order: k + 1,
      });
      this.t.criterionTheme.add(id, themeIds[theme]);
      const criterion: Criterion = { id, code, title };
      // One criterion in 25 concerns only some services (e.g. those open on Saturdays).
      if (k % 25 === 12 && this.options.services > 1) {
        criterion.only = new Set(random.sample(this.options.services, restricted));
        for (const s of criterion.only) this.t.criterionServices.add(id, this.services[s].id);
      }
      this.criteria.push(criterion);
    }
    const indicatorCount = Math.max(1, Math.round(count / 4));
    for (let i = 0; i < indicatorCount; i += 1) {
      const criterion = this.criteria[Math.min(count - 1, i * 4 + 1)];
      const spec = T.INDICATORS[i % T.INDICATORS.length];
      const id = this.add(this.t.indicators, created, {
        code: `${criterion.code}-I1`,
        name: spec.name,
        unit: spec.unit,
        target: spec.target,
        direction: spec.direction,
        frequency: 'mensuelle',
      });
      this.t.indicatorCriterion.add(id, criterion.id);
      this.indicators.push({ id, spec });
    }
  }

  /**
   * One campaign a year on the référentiel, with every service; results improve from one campaign
   * to the next, past campaigns are (almost) all approved, the latest one is under way.
   */
  private async buildCampaigns(): Promise<void> {
    const random = this.random('evaluations');
    const { campaigns: count } = this.options;
    for (let c = 0; c < count; c += 1) {
      const year = REFERENCE_YEAR - (count - 1 - c);
      const latest = c === count - 1;
      const start = Date.UTC(year, 2, 2, 8, 0, 0);
      const end = latest ? Date.UTC(year, 6, 31, 18, 0, 0) : Date.UTC(year, 4, 29, 18, 0, 0);
      const [name, kind] = c === 0 ? [`Diagnostic initial ${year}`, 'diagnostic'] : latest ? [`Audit interne ${year}`, 'audit-interne'] : [`Autoévaluation ${year}`, 'auto-evaluation'];
      const campaignId = this.add(this.t.campaigns, start - 30 * DAY, { name, kind, start_date: day(start), end_date: day(end) });
      this.t.campaignReferential.add(campaignId, this.referentialId);
      for (const service of this.services) this.t.campaignServices.add(campaignId, service.id);
      const progress = count === 1 ? 0 : c / (count - 1);
      const windowEnd = latest ? Math.min(end, REFERENCE) : end;
      for (const [s, service] of this.services.entries()) {
        const author = service.agents[0] ?? service.heads[0];
        const results = resultWeights(progress, service.quality);
        for (const criterion of this.criteria) {
          if (criterion.only && !criterion.only.has(s)) continue;
          const state: State = latest
            ? random.weighted([['draft', 35], ['submitted', 25], ['validated', 20], ['approved', 20]] as const)
            : random.chance(0.99) ? 'approved' : 'validated';
          const result: Result = state === 'draft' && random.chance(0.3) ? 'non-evalue' : random.weighted(results);
          const documentId = this.documentId(this.t.evaluations);
          const history = this.history(random, EVALUATION, documentId, state, service, start, windowEnd);
          const row = this.t.evaluations.writer.add({
            document_id: documentId,
            created_at: timestamp(start),
            updated_at: timestamp(history.length ? history[history.length - 1] : start),
            published_at: timestamp(start),
            result,
            findings: random.pick(T.FINDINGS[result]) || null,
            strengths: result === 'conforme' ? random.pick(T.STRENGTHS) : null,
            gaps: result === 'partiel' || result === 'non-conforme' ? random.pick(T.GAPS) : null,
            recommendation: result === 'partiel' || result === 'non-conforme' ? random.pick(T.RECOMMENDATIONS) : null,
            workflow_state: state,
            prefilled: false,
          });
          this.t.evaluationCampaign.add(row, campaignId);
          this.t.evaluationService.add(row, service.id);
          this.t.evaluationCriterion.add(row, criterion.id);
          this.t.evaluationAuthor.add(row, author.id);
        }
        await this.writers.drain();
      }
    }
  }

  /**
   * The workflow events that led a document to `state`, by the people allowed to take each step
   * (config/workflows.yaml), in time order within [from, to]. Now and then a head sends an entry
   * back once before it goes through. Returns the events' instants.
   */
  private history(random: Random, uid: string, documentId: string, state: State, service: Service, from: number, to: number): number[] {
    const reached = STATES.indexOf(state);
    if (reached === 0) return [];
    const head = service.heads[random.int(0, service.heads.length - 1)];
    const submitter = random.chance(0.1) ? random.pick(this.qualite) : (service.agents.length ? random.pick(service.agents) : head);
    const steps: [string, State, State, User, string | null][] = [];
    if (random.chance(0.03)) {
      steps.push(['submit', 'draft', 'submitted', submitter, null], ['reject', 'submitted', 'draft', head, random.pick(T.REJECT_COMMENTS)]);
    }
    steps.push(['submit', 'draft', 'submitted', submitter, null]);
    if (reached >= 2) steps.push(['validate', 'submitted', 'validated', head, null]);
    if (reached >= 3) steps.push(['approve', 'validated', 'approved', this.dgs, null]);
    const instants: number[] = [];
    let at = from + DAY + random.next() * (to - from) * 0.4;
    for (const [action, fromState, toState, actor, comment] of steps) {
      at = Math.max(Math.floor(at / 60_000) * 60_000, (instants[instants.length - 1] ?? 0) + 60_000);
      instants.push(at);
      this.event(uid, documentId, action, fromState, toState, actor, at, comment);
      at += 3_600_000 + random.next() * Math.max(0, to - at) * 0.3;
    }
    return instants;
  }

  /** Improvement actions over the last three years; the overdue ones stay visible as late. */
  private async buildRoadmap(): Promise<void> {
    const random = this.random('roadmap');
    // A stream of its own, so that adding owners' accounts left the rest of the roadmap unchanged.
    const owners = this.random('roadmap-owners');
    for (let i = 0; i < this.options.roadmapActions; i += 1) {
      const service = random.pick(this.services);
      const criterion = random.pick(this.criteria);
      const start = REFERENCE - random.int(10, 3 * 365) * DAY;
      const due = start + random.int(1, 12) * 30 * DAY;
      const overdue = due < REFERENCE;
      const status = overdue
        ? random.weighted([['abouti', 60], ['en-cours', 25], ['abandonne', 8], ['a-lancer', 7]] as const)
        : random.weighted([['a-lancer', 35], ['en-cours', 55], ['abouti', 10]] as const);
      const progress = status === 'abouti' ? 100 : status === 'en-cours' ? random.int(1, 18) * 5 : status === 'abandonne' ? random.int(0, 12) * 5 : 0;
      const state = random.weighted([['draft', 15], ['submitted', 10], ['validated', 15], ['approved', 60]] as const);
      const created = start - random.int(1, 20) * DAY;
      const documentId = this.documentId(this.t.actions);
      const history = this.history(random, ROADMAP_ACTION, documentId, state, service, created, Math.min(created + 60 * DAY, REFERENCE));
      const author = random.pick(this.qualite);
      const title = `${random.pick(T.ACTION_VERBS)} ${random.pick(T.ACTION_OBJECTS)}`;
      const row = this.t.actions.writer.add({
        document_id: documentId,
        created_at: timestamp(created),
        updated_at: timestamp(history.length ? history[history.length - 1] : created),
        published_at: timestamp(created),
        title,
        description: `Action issue de l’évaluation de l’engagement ${criterion.code} (${criterion.title}).`,
        owner: `${random.pick(T.FIRST_NAMES)} ${random.pick(T.LAST_NAMES)}`,
        priority: random.weighted([['haute', 25], ['moyenne', 50], ['basse', 25]] as const),
        start_date: day(start),
        due_date: day(due),
        action_status: status,
        progress,
        workflow_state: state,
      });
      this.t.actionService.add(row, service.id);
      this.t.actionCriterion.add(row, criterion.id);
      this.t.actionAuthor.add(row, author.id);
      // Most owners are staff with an account (they get the weekly late-actions mail); the others
      // are external people or positions, whose reminders go to the service's heads.
      const staff = [...service.heads, ...service.agents];
      if (owners.chance(0.75)) this.t.actionOwnerUser.add(row, owners.pick(staff).id);
      if (i % 1000 === 999) await this.writers.drain();
    }
  }

  /**
   * Monthly measures of every indicator for every service, the most recent month first, as far
   * back as the requested count reaches; values drift towards the target over time. Measures follow
   * the workflow (config/workflows.yaml, `measure`): the last month is still being entered and
   * validated, the month before nearly done, older months validated, each with its history.
   */
  private async buildMeasures(): Promise<void> {
    const random = this.random('measures');
    // Streams of their own, so that adding the workflow left the measured values unchanged.
    const states = this.random('measure-states');
    const histories = this.random('measure-history');
    const pairs = this.indicators.length * this.services.length;
    const total = this.options.measures;
    const months = Math.ceil(total / pairs);
    let written = 0;
    for (let back = 1; written < total; back += 1) {
      const period = Date.UTC(REFERENCE_YEAR, 5 - back, 1);
      const improvement = months > 1 ? 1 - (back - 1) / (months - 1) : 1;
      for (const indicator of this.indicators) {
        for (const service of this.services) {
          if (written >= total) break;
          const value = measureValue(indicator.spec, service.quality, improvement, random);
          const created = Math.min(Date.UTC(REFERENCE_YEAR, 6 - back, 5, 9, 0, 0), REFERENCE);
          const state: State =
            back === 1
              ? states.weighted([['draft', 30], ['submitted', 30], ['validated', 40]] as const)
              : back === 2 && states.chance(0.1) ? 'submitted' : 'validated';
          const comment = random.chance(0.05) ? 'Période de congés : effectif réduit.' : null;
          const documentId = this.documentId(this.t.measures);
          const history = this.history(histories, MEASURE, documentId, state, service, created, Math.min(created + 20 * DAY, REFERENCE));
          const id = this.t.measures.writer.add({
            document_id: documentId,
            created_at: timestamp(created),
            updated_at: timestamp(history.length ? history[history.length - 1] : created),
            published_at: timestamp(created),
            period: day(period),
            value,
            comment,
            workflow_state: state,
          });
          this.t.measureIndicator.add(id, indicator.id);
          this.t.measureService.add(id, service.id);
          this.t.measureAuthor.add(id, (service.agents[0] ?? service.heads[0]).id);
          written += 1;
        }
        await this.writers.drain();
      }
    }
  }

  /** Complaints and suggestions received over three years; most answered within 15 days. */
  private async buildComplaints(): Promise<void> {
    const random = this.random('complaints');
    const first = REFERENCE - 3 * 365 * DAY;
    const received = Array.from({ length: this.options.complaints }, () => first + Math.floor(random.next() * (REFERENCE - first - DAY)));
    received.sort((a, b) => a - b);
    for (const [i, at] of received.entries()) {
      const receivedDay = Math.floor(at / DAY) * DAY;
      const kind = random.weighted([['reclamation', 80], ['suggestion', 20]] as const);
      const channel = random.weighted([
        ['formulaire-en-ligne', 30], ['courriel', 25], ['guichet', 20], ['telephone', 12], ['courrier', 10], ['reseaux-sociaux', 3],
      ] as const);
      const service = random.pick(this.services);
      const subject = random.pick(T.COMPLAINT_SUBJECTS[kind]);
      const firstName = random.pick(T.FIRST_NAMES);
      const lastName = random.pick(T.LAST_NAMES);
      const named = random.chance(0.75);
      const delay = random.weighted([[random.int(0, 5), 40], [random.int(6, 15), 42], [random.int(16, 30), 13], [random.int(31, 60), 5]] as const);
      const answered = random.chance(0.85) && receivedDay + delay * DAY <= REFERENCE;
      const acknowledged = receivedDay + random.int(0, 2) * DAY;
      const id = this.add(this.t.complaints, at, {
        kind,
        channel,
        received_at: day(receivedDay),
        subject,
        description: `${subject} (${service.name}).`,
        contact_name: named ? `${firstName} ${lastName}` : null,
        contact_email: named && random.chance(0.6) ? `${T.slugify(firstName)}.${T.slugify(lastName)}@exemple.test` : null,
        acknowledged_at: random.chance(0.9) && acknowledged <= REFERENCE ? day(acknowledged) : null,
        answered_at: answered ? day(receivedDay + delay * DAY) : null,
        outcome: answered ? random.pick(T.OUTCOMES) : null,
      });
      this.t.complaintService.add(id, service.id);
      if (i % 1000 === 999) await this.writers.drain();
    }
  }
  /**
   * The shipped grids, two waves a year and their tests spread evenly over the waves, services and
   * channels; the testers are agents (or heads) of another service, in turn. Past waves are validated
   * (one test in a hundred still awaits the référent qualité); in the wave under way, part of the
   * tests are still to play, part submitted. Each result is scored by the cms's rule and its history
   * is the circuit's: submitted by its tester, validated by a référent qualité.
   */
  private async buildMysteryTests(): Promise<void> {
    const total = this.options.mysteryTests;
    if (!total) return;
    const random = this.random('mystery-tests');
    const created = REFERENCE - 4 * 365 * DAY + 3 * DAY;
    const grids = new Map<Channel, { id: number; grid: ReturnType<typeof shippedGrids>[number] }>();
    for (const grid of shippedGrids()) {
      const id = this.add(this.t.grids, created, { title: grid.title, channel: grid.channel, instructions: grid.instructions, points: grid.points });
      grids.set(grid.channel, { id, grid });
    }
    const waves = wavesOf(REFERENCE_YEAR - this.options.campaigns + 1, REFERENCE_YEAR);
    const staff = this.users.filter((u) => u.roleType === 'agent' || u.roleType === 'chef-de-service');
    const serviceOf = new Map<number, Set<number>>();
    for (const service of this.services) for (const u of [...service.heads, ...service.agents]) (serviceOf.get(u.id) ?? serviceOf.set(u.id, new Set()).get(u.id)!).add(service.id);
    let tester = 0;
    for (const [w, wave] of waves.entries()) {
      const waveId = this.add(this.t.waves, wave.start - 20 * DAY, {
        title: wave.title,
        start_date: day(wave.start),
        end_date: day(wave.end),
        description: 'Appels, courriels, courriers, formulaires web et visites mystères dans tous les services.',
      });
      const count = Math.floor(total / waves.length) + (w < total % waves.length ? 1 : 0);
      for (let i = 0; i < count; i += 1) {
        const service = this.services[i % this.services.length];
        const channel = CHANNELS[Math.floor(i / this.services.length) % CHANNELS.length];
        const { id: gridId, grid } = grids.get(channel)!;
        // The next account in turn that is not a member of the tested service (none: a référent qualité).
        let who: User | undefined;
        for (let k = 0; k < staff.length && !who; k += 1) {
          const candidate = staff[(tester + k) % staff.length];
          if (!serviceOf.get(candidate.id)?.has(service.id)) {
            who = candidate;
            tester = (tester + k + 1) % staff.length;
          }
        }
        who ??= this.qualite[i % this.qualite.length];
        const state: 'draft' | 'submitted' | 'validated' = wave.latest
          ? random.weighted([['draft', 30], ['submitted', 20], ['validated', 50]] as const)
          : random.chance(0.99) ? 'validated' : 'submitted';
        const until = Math.min(wave.end, REFERENCE - 3 * DAY);
        const at = Math.floor((wave.start + DAY + random.next() * (until - wave.start - DAY)) / 60_000) * 60_000;
        const played = state === 'draft' ? null : playTest(grid, random, at, service.quality, wave.progress, REFERENCE - DAY);
        const documentId = this.documentId(this.t.tests);
        const instants: number[] = [];
        if (played) {
          const submitted = at + 3_600_000 + random.int(0, 48) * 3_600_000;
          this.event(MYSTERY_TEST, documentId, 'submit', 'draft', 'submitted', who, submitted);
          instants.push(submitted);
          if (state === 'validated') {
            const validated = Math.max(submitted + 60_000, Math.min(submitted + random.int(1, 10) * DAY, REFERENCE - 60_000));
            this.event(MYSTERY_TEST, documentId, 'validate', 'submitted', 'validated', random.pick(this.qualite), validated);
            instants.push(validated);
          }
        }
        const rowCreated = wave.start - 10 * DAY;
        const row = this.t.tests.writer.add({
          document_id: documentId,
          created_at: timestamp(rowCreated),
          updated_at: timestamp(instants.length ? instants[instants.length - 1] : rowCreated),
          published_at: timestamp(rowCreated),
          title: `${CHANNEL_LABELS[channel]} — ${service.name}`,
          channel,
          scenario: random.pick(T.MYSTERY_SCENARIOS[channel]),
          window_start: day(wave.start),
          window_end: day(wave.end),
          tested_at: played?.testedAt ?? null,
          sent_on: played?.sentOn ?? null,
          answered_on: played?.answeredOn ?? null,
          answers: played?.answers ?? null,
          observations: played && random.chance(0.3) ? random.pick(T.MYSTERY_OBSERVATIONS) : null,
          outcomes: played?.outcomes ?? null,
          score: played?.score ?? null,
          delay_days: played?.delayDays ?? null,
          delay_working_days: played?.delayWorkingDays ?? null,
          workflow_state: state,
        });
        this.t.testCampaign.add(row, waveId);
        this.t.testService.add(row, service.id);
        this.t.testGrid.add(row, gridId);
        this.t.testTester.add(row, who.id);
        this.t.testAuthor.add(row, this.qualite[w % this.qualite.length].id);
        if (i % 1000 === 999) await this.writers.drain();
      }
    }
  }

  /** One workflow event, with its actor. */
  private event(uid: string, documentId: string, action: string, fromState: string, toState: string, actor: User, at: number, comment: string | null = null): void {
    const id = this.add(this.t.events, at, {
      target_uid: uid,
      target_document_id: documentId,
      action,
      from_state: fromState,
      to_state: toState,
      actor_name: actor.username,
      role: actor.roleType,
      comment,
      at: timestamp(at),
    });
    this.t.eventActor.add(id, actor.id);
  }
}


/** First campaign: 35 % conforme, 30 % partiel, 20 % non conforme, 10 % non évalué, 5 % N/A; the last, markedly better. */
function resultWeights(progress: number, quality: number): [Result, number][] {
  const lerp = (a: number, b: number) => a + (b - a) * progress;
  return [
    ['conforme', Math.max(1, lerp(35, 62) + 10 * quality)],
    ['partiel', lerp(30, 22)],
    ['non-conforme', Math.max(1, lerp(20, 7) - 6 * quality)],
    ['non-evalue', lerp(10, 4)],
    ['non-applicable', 5],
  ];
}

function measureValue(spec: Indicator['spec'], quality: number, improvement: number, random: Random): number {
  const noise = random.next() * 2 - 1;
  let value: number;
  if (spec.unit === 'pourcentage') {
    value = spec.target - 20 + 15 * improvement + 6 * quality + 8 * noise;
    value = Math.min(100, Math.max(0, value));
  } else if (spec.direction === 'lower') {
    value = spec.target * (1.6 - 0.5 * improvement - 0.2 * quality + 0.25 * noise);
    value = Math.max(0, value);
  } else {
    value = spec.target * (0.7 + 0.25 * improvement + 0.1 * quality + 0.1 * noise);
  }
  return Math.round(value * 100) / 100;
}
