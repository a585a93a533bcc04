import type { Core } from '@strapi/strapi';
import { rolesConfig } from './access/roles-config';
import { installAuthCache } from './access/auth-cache';
import { installEvaluationFacts } from './progress/evaluation-facts';
import { installMysteryFiguresVersion } from './mystery-tests/figures';
import { installInboxVersion } from './workflow/inbox';
import { seedRoles } from './access/seed-roles';
import { auditDocumentWrites } from './audit/audit-middleware';
import { subscribeAuditLifecycles } from './audit/audit-lifecycles';
import { installAuditLog } from './audit/audit-table';
import { auditLogReaders } from './audit-log/readers';
import { mailAlertReaders } from './operations/mail-alert-readers';
import { labelProblems, nameTypesFromLabels } from './platform/config/labels';
import { installCharterVersions } from './charter/charter-versions';
import { reportsConfig } from './platform/config/reports-config';
import { checkMeasureWrite, MEASURE } from './indicators/measure-rules';
import { publicFormsConfig } from './public-intake/config';
import { installComplaintFollowUp } from './complaints/follow-up';
import { installAgentSurveyParticipants } from './surveys/agent-surveys';
import { onlineComplaintTemplates } from './complaints/online-mails';
import { evidenceConfig } from './evidence/evidence-config';
import { installEvidence } from './evidence/evidence-store';
import { evidenceTemplates } from './evidence/expiry';
import { managementReviewReaders } from './management-review/review-document';
import { installReviewDecisions } from './management-review/review-decisions';
import { accessibilityFile } from './legal/accessibility-statement';
import { legalNotice } from './legal/legal-notice';
import { surveyDocumentRules } from './surveys/document-rules';
import { mysteryGridRules } from './mystery-tests/grid-rules';
import { mysteryTestRules } from './mystery-tests/test-rules';
import { syncMeasuresOfTest } from './mystery-tests/indicator-measures';
import { installAfterEffect } from './workflow/effects';
import { checkBusinessRules } from './app/business-rules';
import { checkScheduledJobs, installScheduledRuns, startScheduledJobs } from './platform/jobs/scheduled-jobs';
import { backupsConfig } from './platform/backups/backups-config';
import './app/scheduled-jobs';
import { refuseNulCharacters } from './platform/input/text-safety';
import { passwordPolicyMiddleware } from './security/password-doors';
import { refuseDemoAccountsInProduction } from './security/production-safety';
import { loadWorkflows } from './workflow/definitions';
import { transitionTemplates } from './workflow/transition-emails';
import { guardWorkflowWrites, withWorkflowLock } from './workflow/guard';
import { startJobQueue, stopJobQueue } from './platform/jobs/job-queue';
import { installMailOutbox, startMailOutbox, stopMailOutbox } from './platform/mail/outbox';
import { startMailWorker, stopMailWorker } from './platform/mail/mail-queue';
import { openDataConfig } from './platform/config/open-data-config';
import { buildBodyParserOnce } from './server/body-parser-once';
import { checkSsoConfig } from './sso/check-config';
import { auditsConfig } from './findings/audits-config';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // config/ is read and checked before anything else: a wrong file stops boot with its message.
    rolesConfig();
    loadWorkflows();
    transitionTemplates();
    checkScheduledJobs();
    buildBodyParserOnce();
    reportsConfig();
    openDataConfig();
    auditLogReaders();
    mailAlertReaders();
    publicFormsConfig();
    backupsConfig();
    onlineComplaintTemplates();
    evidenceConfig();
    evidenceTemplates();
    managementReviewReaders();
    legalNotice();
    checkSsoConfig();
    accessibilityFile();
    auditsConfig();
    const labelErrors = labelProblems(strapi.contentTypes as never);
    if (labelErrors.length) throw new Error(`config/labels.yaml invalide :\n- ${labelErrors.join('\n- ')}`);
    nameTypesFromLabels(strapi.contentTypes as never);

    // Passwords are checked before the Document Service hashes them, whatever the door.
    strapi.documents.use(passwordPolicyMiddleware(strapi));
    // One place for the rules that must hold whatever the door: REST, admin panel or scripts.
    strapi.documents.use((context, next) =>
      withWorkflowLock(strapi, context.uid, context.action, async (trx) => {
        const params = context.params as never;
        if (context.action === 'create' || context.action === 'update') refuseNulCharacters((context.params as { data?: unknown }).data);
        await guardWorkflowWrites(strapi, context.uid, context.action, params, trx);
        await checkBusinessRules(strapi, context.uid, context.action, params);
        return next();
      }),
    );
    // Survey questions: checked shape, frozen structure once answered.
    strapi.documents.use(surveyDocumentRules(strapi));
    // Mystery grids: checked like config/, whatever the door.
    strapi.documents.use(mysteryGridRules(strapi));
    strapi.documents.use(mysteryTestRules(strapi));
    // A validated mystery test recomputes the measures of the indicators its grid feeds (config/workflows.yaml).
    installAfterEffect('indicator-measures', (strapi, facts) => syncMeasuresOfTest(strapi, facts.documentId));
    strapi.documents.use((context, next) =>
      context.uid === MEASURE ? (checkMeasureWrite(strapi, context.action, context.params as never, next) as ReturnType<typeof next>) : next(),
    );
    // Last, so that the workflow guard has locked the row when the audit reads it before the write.
    strapi.documents.use(auditDocumentWrites(strapi));
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await refuseDemoAccountsInProduction(strapi);
    installAuthCache(strapi);
    await installEvaluationFacts(strapi);
    await installMysteryFiguresVersion(strapi);
    await installInboxVersion(strapi);
    await installCharterVersions(strapi);
    await installAuditLog(strapi);
    await installMailOutbox(strapi);
    await installComplaintFollowUp(strapi);
    await installAgentSurveyParticipants(strapi);
    await installScheduledRuns(strapi);
    await installEvidence(strapi.db.connection);
    await installReviewDecisions(strapi.db.connection);
    subscribeAuditLifecycles(strapi);
    await seedRoles(strapi);
    await startJobQueue(strapi);
    await startMailWorker(strapi);
    await startMailOutbox(strapi);
    await startScheduledJobs(strapi);
  },

  async destroy() {
    await stopMailWorker();
    await stopMailOutbox();
    await stopJobQueue();
  },
};
