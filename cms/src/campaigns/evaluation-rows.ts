import type { Core } from '@strapi/strapi';
import type { Knex } from 'knex';
import { auditedRowWriter } from '../audit/bulk-entries';
import type { DocumentRowWriter } from '../platform/db/document-rows';
import { workflowByUid } from '../workflow/definitions';
import type { Copied } from './build-plan';

const EVALUATION = 'api::evaluation.evaluation';

/** A campaign's evaluations written in bulk (see DocumentRowWriter), pre-filled or blank, in the initial state. */
export class EvaluationWriter {
  private readonly rows: DocumentRowWriter;
  private readonly initialState: string;

  constructor(strapi: Core.Strapi, trx: Knex.Transaction, adminUserId: number | null, now = new Date()) {
    this.rows = auditedRowWriter(strapi, trx, EVALUATION, adminUserId, now);
    this.initialState = workflowByUid(EVALUATION)?.initial ?? 'draft';
  }

  insert(rows: { serviceId: number; criterionId: number; copied: Copied | undefined }[], campaignId: number): Promise<{ id: number; documentId: string }[]> {
    return this.rows.insert(
      rows.map(({ serviceId, criterionId, copied }) => ({
        data: {
          result: copied?.result ?? 'non-evalue',
          findings: copied?.findings ?? null,
          strengths: copied?.strengths ?? null,
          gaps: copied?.gaps ?? null,
          recommendation: copied?.recommendation ?? null,
          workflowState: this.initialState,
          prefilled: copied !== undefined,
        },
        links: { campaign: [campaignId], service: [serviceId], criterion: [criterionId] },
      })),
    );
  }
}
