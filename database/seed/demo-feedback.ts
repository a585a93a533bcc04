import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { z } from 'zod';
import { databaseDir } from './demo-town';
import { FEEDBACK_REPLY } from '../../cms/src/complaints/public-replies';
import { COMPLAINT } from '../../cms/src/complaints/sql';
import { townToday } from '../../cms/src/platform/calendar/clock';
import { addCalendarDays } from '../../cms/src/platform/calendar/days';
import { personName } from '../../cms/src/platform/people/person-name';

const ACTION = 'api::roadmap-action.roadmap-action';
const EVENT = 'api::workflow-event.workflow-event';

const demoFeedbackSchema = z.object({
  feedback: z
    .object({
      replies: z.array(z.object({ complaint: z.string(), said: z.string(), reply: z.string(), approved: z.boolean() }).strict()).default([]),
      doneActions: z
        .array(
          z
            .object({
              title: z.string(),
              service: z.string(),
              criterion: z.string(),
              owner: z.string(),
              complaint: z.string().optional(),
              surveyQuestion: z.string().optional(),
              summary: z.string().optional(),
              completedDaysAgo: z.number().int().min(0).max(365),
            })
            .strict(),
        )
        .default([]),
    })
    .strict()
    .default({}),
});

/**
 * « Vous nous l'avez dit, nous l'avons fait » for the demo town (database/demo/town.yaml
 * `feedback:`): public replies to complaints of the register, and roadmap actions done this year
 * with what prompted them. States are written below the Document Service with the history that
 * leads to them (as seed-demo.ts does for evaluations): the page reads the completion day from it.
 */
export async function seedDemoFeedback(strapi: Core.Strapi): Promise<void> {
  const { feedback } = demoFeedbackSchema.parse(YAML.parse(fs.readFileSync(path.join(databaseDir(), 'demo', 'town.yaml'), 'utf8')));
  const account = async (role: string) => {
    const user = await strapi.db.query('plugin::users-permissions.user').findOne({ select: ['id', 'username', 'firstname', 'lastname'], where: { role: { type: role } } });
    return user ? { id: user.id as number, name: personName(user) } : null;
  };
  const qualite = await account('referent-qualite');
  const dgs = await account('dgs');
  const complaintOf = async (subject: string) => {
    const found = await strapi.db.query(COMPLAINT).findOne({ select: ['id', 'documentId'], where: { subject } });
    if (!found) throw new Error(`database/demo/town.yaml, feedback : aucune réclamation n’a pour objet « ${subject} ».`);
    return found as { id: number; documentId: string };
  };
  const event = (targetUid: string, targetDocumentId: string, action: string, fromState: string, toState: string, who: { id: number; name: string } | null, role: string, at: Date) =>
    strapi.db.query(EVENT).create({ data: { targetUid, targetDocumentId, action, fromState, toState, actor: who?.id ?? null, actorName: who?.name ?? null, role, at } });

  for (const reply of feedback.replies) {
    const complaint = await complaintOf(reply.complaint);
    const created = (await strapi.documents(FEEDBACK_REPLY).create({
      data: { complaint: complaint.documentId, said: reply.said, reply: reply.reply, author: qualite?.id } as never,
    })) as { documentId: string };
    if (!reply.approved) continue;
    await strapi.db.query(FEEDBACK_REPLY).updateMany({ where: { documentId: created.documentId }, data: { workflowState: 'approved' } });
    await event(FEEDBACK_REPLY, created.documentId, 'approve', 'draft', 'approved', qualite, 'referent-qualite', new Date());
  }

  const today = townToday();
  const firstOfYear = `${today.slice(0, 4)}-01-01`;
  const survey = await strapi.db.query('api::survey.survey').findOne({ select: ['id'], where: { audience: 'usagers' }, orderBy: { opensAt: 'desc' } });
  for (const action of feedback.doneActions) {
    const service = await strapi.db.query('api::service.service').findOne({ select: ['id'], where: { slug: action.service } });
    const criterion = await strapi.db.query('api::criterion.criterion').findOne({ select: ['id'], where: { code: action.criterion, theme: { referential: { code: 'qualivilles-ville' } } } });
    if (!service || !criterion) throw new Error(`database/demo/town.yaml, feedback : service « ${action.service} » ou engagement « ${action.criterion} » inconnu.`);
    const complaint = action.complaint ? await complaintOf(action.complaint) : null;
    const done = [addCalendarDays(today, -action.completedDaysAgo), firstOfYear].sort().reverse()[0];
    const created = (await strapi.documents(ACTION).create({
      data: {
        title: action.title,
        service: service.id,
        criterion: criterion.id,
        owner: action.owner,
        priority: 'moyenne',
        startDate: firstOfYear,
        dueDate: done,
        actionStatus: 'abouti',
        progress: 100,
        promptComplaint: complaint?.id ?? null,
        promptSurvey: action.surveyQuestion ? (survey?.id ?? null) : null,
        promptQuestion: action.surveyQuestion ?? null,
        promptSummary: action.summary ?? null,
        author: qualite?.id,
      } as never,
    })) as { documentId: string };
    await strapi.db.query(ACTION).updateMany({ where: { documentId: created.documentId }, data: { workflowState: 'approved' } });
    const at = new Date(`${done}T10:00:00Z`);
    await event(ACTION, created.documentId, 'submit', 'draft', 'submitted', qualite, 'referent-qualite', at);
    await event(ACTION, created.documentId, 'validate', 'submitted', 'validated', qualite, 'chef-de-service', at);
    await event(ACTION, created.documentId, 'approve', 'validated', 'approved', dgs, 'dgs', at);
  }
}
