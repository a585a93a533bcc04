import path from 'node:path';
import type { Core } from '@strapi/strapi';
import { seedCharterVersion } from '../../cms/src/charter/charter-versions';
import { databaseIdle } from '../../cms/src/platform/db/idle';
import { importReferential } from '../../cms/src/referential/import';
import { readLibraryFile } from '../../cms/src/referential/read-library';
import { databaseDir, readDemoTown, type DemoTown } from './demo-town';
import { evaluationMix, type State } from './evaluation-mix';
import { seedDemoSurveys } from './demo-surveys';
import { seedDemoComplaints } from './demo-complaints';
import { seedDemoFeedback } from './demo-feedback';
import { seedDemoMeasures } from './demo-measures';
import { seedMysteryGrids, seedMysteryTests } from './demo-mystery';
import { seedDemoAudit } from './demo-audit';

type Doc = { id: number; documentId: string; [key: string]: unknown };

/** Path taken to reach a state, with who acts at each step. */
const STEPS: { action: string; from: State; to: State; role: 'agent' | 'chef-de-service' | 'dgs' }[] = [
  { action: 'submit', from: 'draft', to: 'submitted', role: 'agent' },
  { action: 'validate', from: 'submitted', to: 'validated', role: 'chef-de-service' },
  { action: 'approve', from: 'validated', to: 'approved', role: 'dgs' },
];
const ORDER: State[] = ['draft', 'submitted', 'validated', 'approved'];

export function demoAllowed(): boolean {
  return process.env.NODE_ENV !== 'production' && process.env.CHARTE_DEMO !== 'off';
}

/**
 * Loads the demo town into an empty database (no service yet). Never in production. The town is one
 * transaction, the panel's accounts (created only when missing) come before it: an interrupted load
 * leaves a database without services, which the next run fills.
 */
export async function seedDemoTown(strapi: Core.Strapi): Promise<boolean> {
  if (!demoAllowed()) return false;
  if ((await strapi.db.query('api::service.service').count()) > 0) return false;
  const town = readDemoTown();
  strapi.log.info('Chargement de la ville de démonstration…');
  // The panel's accounts first, each created only if missing: should the load below be interrupted,
  // the next run finds them and loads the town again into a database still without services.
  await seedAdminUsers(strapi, town);
  await strapi.db.transaction(async ({ trx }) => {
    await loadTown(strapi, town);
    await seedDemoSurveys(strapi);
    await seedDemoComplaints(strapi);
    await seedDemoFeedback(strapi);
    await seedDemoMeasures(strapi, trx);
    await seedMysteryTests(strapi, await seedMysteryGrids(strapi));
    await seedDemoAudit(strapi, town);
  });
  await databaseIdle(strapi);
  strapi.log.info('Ville de démonstration chargée.');
  return true;
}

async function loadTown(strapi: Core.Strapi, town: DemoTown) {
  const docs = strapi.documents;
  const roles = new Map<string, number>(
    (await strapi.db.query('plugin::users-permissions.role').findMany({ select: ['id', 'type'] })).map((r: { id: number; type: string }) => [r.type, r.id]),
  );
  const users = new Map<string, Doc & { roleType: string; name: string }>();
  for (const u of town.users) {
    const created = await strapi.plugin('users-permissions').service('user').add({
      username: u.username,
      firstname: u.firstname,
      lastname: u.lastname,
      email: u.email,
      password: town.password,
      provider: 'local',
      confirmed: true,
      blocked: false,
      role: roles.get(u.role),
    });
    users.set(u.email, { ...created, roleType: u.role, name: `${u.firstname} ${u.lastname}` });
  }

  const services = new Map<string, Doc>();
  for (const s of town.services) {
    const service = (await docs('api::service.service').create({
      data: {
        name: s.name,
        slug: s.slug,
        description: s.description,
        heads: s.heads.map((email) => users.get(email)!.documentId),
        agents: s.agents.map((email) => users.get(email)!.documentId),
      },
    })) as Doc;
    services.set(s.slug, service);
  }

  const referentials = new Map<string, string>();
  for (const file of town.referentials) {
    const report = await importReferential(strapi, readLibraryFile(path.join(databaseDir(), 'referentiels', file)));
    referentials.set(report.referential.code, report.referential.documentId);
  }
  const people = [...users.values()];
  const dgs = people.find((u) => u.roleType === 'dgs')!;
  const qualite = people.find((u) => u.roleType === 'referent-qualite')!;
  let campaign: Doc | undefined;
  let criterionByCode = new Map<string, Doc>();
  let indicatorByCode = new Map<string, Doc>();
  for (const [campaignIndex, definition] of town.campaigns.entries()) {
    const criteria = (await docs('api::criterion.criterion').findMany({
      filters: { theme: { referential: { code: definition.referential } } },
      fields: ['code'],
      populate: { applicableServices: { fields: ['slug'] }, indicators: { fields: ['code'] } },
      sort: 'code',
    })) as (Doc & { code: string; applicableServices: { slug: string }[]; indicators: Doc[] })[];
    criterionByCode = new Map(criteria.map((c) => [c.code, c]));
    indicatorByCode = new Map(criteria.flatMap((c) => c.indicators.map((i) => [i.code as string, i] as const)));
    campaign = (await docs('api::campaign.campaign').create({
      data: {
        name: definition.name,
        kind: definition.kind as 'diagnostic',
        startDate: definition.startDate,
        endDate: definition.endDate,
        referential: referentials.get(definition.referential),
        services: [...services.values()].map((s) => s.documentId),
      },
    })) as Doc;
    const history: Record<string, unknown>[] = [];
    const stateOf = new Map<string, State>();
    for (const [index, s] of town.services.entries()) {
      const service = services.get(s.slug)!;
      const applicable = criteria.filter((c) => !c.applicableServices.length || c.applicableServices.some((a) => a.slug === s.slug));
      const mix = evaluationMix(2026 + 10 * campaignIndex + index, applicable.length, 5, definition.closed);
      const head = users.get(s.heads[0]);
      const author = users.get(s.agents[0]) ?? head ?? qualite;
      const actors = { agent: author, 'chef-de-service': head ?? qualite, dgs };
      for (const [i, criterion] of applicable.entries()) {
        const m = mix[i];
        const evaluation = (await docs('api::evaluation.evaluation').create({
          data: {
            campaign: campaign.documentId,
            service: service.documentId,
            criterion: criterion.documentId,
            result: m.result,
            findings: m.findings,
            strengths: m.strengths,
            gaps: m.gaps,
            recommendation: m.recommendation,
            author: author.documentId,
          },
        })) as Doc;
        stateOf.set(evaluation.documentId, m.state);
        let at = new Date(`${definition.startDate}T09:00:00Z`).getTime() + (index * 40 + i) * 3_600_000;
        for (const step of STEPS.slice(0, ORDER.indexOf(m.state))) {
          at += 26 * 3_600_000;
          const actor = actors[step.role];
          history.push({
            targetUid: 'api::evaluation.evaluation',
            targetDocumentId: evaluation.documentId,
            action: step.action,
            fromState: step.from,
            toState: step.to,
            actor: actor.id,
            actorName: actor.name,
            role: actor.roleType,
            comment: null,
            at: new Date(at).toISOString(),
          });
        }
      }
    }
    // States are written below the Document Service on purpose: the workflow engine refuses them in
    // ordinary writes, and this seed replays a history whose events are written alongside.
    for (const state of ['submitted', 'validated', 'approved'] as State[]) {
      const ids = [...stateOf].filter(([, st]) => st === state).map(([id]) => id);
      if (ids.length) await strapi.db.query('api::evaluation.evaluation').updateMany({ where: { documentId: { $in: ids } }, data: { workflowState: state } });
    }
    for (const event of history) await strapi.db.query('api::workflow-event.workflow-event').create({ data: event });
  }
  if (!campaign) return;

  for (const interview of town.interviews) {
    await docs('api::interview.interview').create({
      data: {
        campaign: campaign.documentId,
        service: services.get(interview.service)!.documentId,
        date: interview.date,
        interviewees: interview.interviewees,
        interviewer: interview.interviewer,
        notes: interview.notes,
        criteria: interview.criteria.map((code) => criterionByCode.get(code)!.documentId),
        author: qualite.documentId,
      },
    });
  }
  for (const { ownerUser, ...action } of town.roadmapActions) {
    await docs('api::roadmap-action.roadmap-action').create({
      data: {
        ...action,
        ownerUser: ownerUser ? users.get(ownerUser)!.documentId : undefined,
        priority: action.priority as 'haute',
        actionStatus: action.actionStatus as 'en-cours',
        service: services.get(action.service)!.documentId,
        criterion: criterionByCode.get(action.criterion)!.documentId,
        author: qualite.documentId,
      },
    });
  }
  for (const [order, principle] of town.charterPrinciples.entries()) {
    await docs('api::charter-principle.charter-principle').create({
      data: {
        title: principle.title,
        text: principle.text,
        commitment: principle.commitment,
        order: order + 1,
        criteria: principle.criteria.map((code) => criterionByCode.get(code)!.documentId),
        indicator: principle.indicator ? indicatorByCode.get(principle.indicator)!.documentId : undefined,
        author: qualite.documentId,
      },
    });
  }
  // Principles that arrive approved make the public charter's version 1, credited to the DGS.
  await strapi.db.transaction(({ trx }) => seedCharterVersion(strapi, trx, dgs.name, new Date()));
}

/** Admin panel accounts: a super admin and an editor limited to the référentiel types. */
async function seedAdminUsers(strapi: Core.Strapi, town: DemoTown) {
  const roleService = strapi.service('admin::role');
  const userService = strapi.service('admin::user');
  const superAdmin = await roleService.getSuperAdmin();
  let editor = await strapi.db.query('admin::role').findOne({ where: { name: town.referentialEditorRole.name } });
  if (!editor) {
    editor = await roleService.create({ name: town.referentialEditorRole.name, description: town.referentialEditorRole.description });
    const fieldsOf = (uid: string) =>
      Object.keys((strapi.contentTypes as unknown as Record<string, { attributes: Record<string, unknown> }>)[uid].attributes).filter(
        (f) => !['createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'publishedAt', 'locale', 'localizations'].includes(f),
      );
    const permissions: { action: string; subject: string | null; properties: object; conditions: string[] }[] = town.referentialEditorRole.types.flatMap((subject) =>
      ['create', 'read', 'update', 'delete'].map((verb) => ({
        action: `plugin::content-manager.explorer.${verb}`,
        subject,
        properties: verb === 'delete' ? {} : { fields: fieldsOf(subject) },
        conditions: [],
      })),
    );
    // Read-only look-up of services, so that "Services concernés" can be filled in.
    permissions.push({ action: 'plugin::content-manager.explorer.read', subject: 'api::service.service', properties: { fields: ['name', 'slug'] }, conditions: [] });
    // The « Import / export du référentiel » page (Excel, CSV) of the charte-admin plugin.
    permissions.push({ action: 'plugin::charte-admin.referential.import', subject: null, properties: {}, conditions: [] });
    await roleService.assignPermissions(editor.id, permissions);
  }
  for (const admin of town.adminUsers) {
    if (await strapi.db.query('admin::user').findOne({ where: { email: admin.email } })) continue;
    await userService.create({
      email: admin.email,
      firstname: admin.firstname,
      lastname: admin.lastname,
      password: town.password,
      isActive: true,
      registrationToken: null,
      preferedLanguage: 'fr',
      roles: [admin.role === 'super-admin' ? superAdmin.id : editor.id],
    });
  }
}
