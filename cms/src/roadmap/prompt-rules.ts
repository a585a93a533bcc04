import type { Core } from '@strapi/strapi';
import { FINDING, gradeRules } from '../findings/audits-config';
import { choiceLabel, fieldLabel } from '../platform/config/labels';
import { checkPublicText, contactNames } from '../platform/input/personal-data';
import { finalTarget, whereRef } from '../platform/input/relation-value';
import { failOnField } from '../platform/input/field-error';

/**
 * What prompted a roadmap action (« vous nous l'avez dit, nous l'avons fait »): a complaint or
 * suggestion of the register, a question of a survey, and the public sentence of what was said.
 * Checked on every write whatever the door: the question belongs to the survey, and the sentence
 * — public once the action is done and approved — holds no personal data of the complainant.
 */
type Data = Record<string, unknown>;

export async function roadmapPromptRule(strapi: Core.Strapi, data: Data, current: Data | null): Promise<void> {
  const survey = finalTarget(data, current, 'promptSurvey');
  const question = ('promptQuestion' in data ? data.promptQuestion : current?.promptQuestion) as string | null | undefined;
  if (question && !survey) failOnField('Choisissez l’enquête dont la question a motivé l’action.', 'promptQuestion');
  if (survey) {
    const row = await strapi.db.query('api::survey.survey').findOne({ select: ['id', 'questions'], where: whereRef(survey) });
    if (!row) failOnField('Cette enquête n’existe pas.', 'promptSurvey');
    const questions = (typeof row.questions === 'string' ? JSON.parse(row.questions) : row.questions) as { id?: unknown }[] | null;
    if (question && !(Array.isArray(questions) && questions.some((q) => q?.id === question))) {
      failOnField(`La question « ${String(question).slice(0, 40)} » ne fait pas partie de cette enquête.`, 'promptQuestion');
    }
  }
  const complaintRef = finalTarget(data, current, 'promptComplaint');
  const complaint = complaintRef
    ? ((await strapi.db.query('api::complaint.complaint').findOne({ select: ['id', 'contactName', 'contactEmail'], where: whereRef(complaintRef) })) as
        | { contactName: string | null; contactEmail: string | null }
        | null)
    : null;
  if (complaintRef && !complaint) failOnField('Cette réclamation ou suggestion n’existe pas.', 'promptComplaint');
  // The sentence written now, or the one kept when the write cites another complaint (whose author's name it must not hold either).
  const changesComplaint = complaint !== null && 'promptComplaint' in data;
  const summary = 'promptSummary' in data ? data.promptSummary : changesComplaint ? current?.promptSummary : undefined;
  checkPublicText(summary, 'promptSummary', fieldLabel('api::roadmap-action.roadmap-action', 'promptSummary'), contactNames(complaint), false);
}

/**
 * An audit finding's corrective action (promptFinding): created once the auditor has submitted the
 * finding and before it is closed, on the finding's service and criterion; a major non-conformity's
 * action has a due date (config/audits.yaml, dueDateRequired).
 */
export async function roadmapFindingRule(strapi: Core.Strapi, data: Data, current: Data | null): Promise<void> {
  const ref = finalTarget(data, current, 'promptFinding');
  if (!ref) return;
  const finding = (await strapi.db.query(FINDING).findOne({
    select: ['id', 'grade', 'workflowState'],
    where: whereRef(ref),
    populate: { service: { select: ['id', 'name'] }, criterion: { select: ['id', 'code'] } },
  })) as { id: number; grade: string; workflowState: string; service?: { id: number; name: string } | null; criterion?: { id: number; code: string } | null } | null;
  if (!finding) failOnField('Ce constat d’audit n’existe pas.', 'promptFinding');
  if ('promptFinding' in data && !['submitted', 'acknowledged'].includes(finding.workflowState)) {
    failOnField('Une action corrective se crée depuis un constat soumis par l’auditeur et pas encore clos.', 'promptFinding');
  }
  const idOf = async (field: 'service' | 'criterion') => {
    const target = finalTarget(data, current, field);
    if (!target) return null;
    if ('id' in target) return target.id;
    const row = await strapi.db.query(`api::${field}.${field}`).findOne({ select: ['id'], where: { documentId: target.documentId } });
    return (row as { id: number } | null)?.id ?? null;
  };
  if (finding.service && (await idOf('service')) !== finding.service.id) failOnField(`L’action corrective porte sur le service du constat (« ${finding.service.name} »).`, 'service');
  if (finding.criterion && (await idOf('criterion')) !== finding.criterion.id) failOnField(`L’action corrective porte sur l’engagement du constat (${finding.criterion.code}).`, 'criterion');
  const dueDate = 'dueDate' in data ? data.dueDate : current?.dueDate;
  if (gradeRules(finding.grade)?.dueDateRequired && !dueDate) {
    failOnField(`L’action corrective d’une ${choiceLabel(finding.grade).toLowerCase()} a une échéance : renseignez « ${fieldLabel('api::roadmap-action.roadmap-action', 'dueDate')} ».`, 'dueDate');
  }
}
