import type { AdminWorkflowDefinitions, AdminWorkflowPanel } from './schemas/admin';
import type { BuilderOptions, BuildStarted, BuildStatus } from './schemas/campaigns';
import type { ModelLabels } from './schemas/labels';
import type { MailPage, MailRetried } from './schemas/mails';
import type { ProgressResponse } from './schemas/progress';
import type { Preview, ImportReport, ReferentialSummary } from './schemas/referential';
import type { CatalogCampaign } from './schemas/reports';
import type { TransitionResult } from './schemas/workflow';
import type { Readiness } from './schemas/certification';

/** An administrator of the panel, as the admin routes see it (`ctx.state.user`). */
export interface AdminUserRef {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
  roles?: { code?: string | null; name?: string | null }[];
}

/** A spreadsheet the cms wrote (référentiel template or export), as the plugin sends it. */
export interface SpreadsheetFile {
  filename: string;
  contentType: string;
  body: Buffer;
}

/** A file an administrator uploaded to the plugin, read from its temporary file. */
export interface Upload {
  buffer: Buffer;
  filename: string;
}

export type SpreadsheetFormat = 'xlsx' | 'csv';

/** A report the cms rendered: a PDF, or the Word file of the same report. */
export interface ReportFile {
  fileName: string;
  body: Buffer;
  /** application/pdf or the .docx type. */
  contentType: string;
}

/** An import that wrote, or the preview of a file with wrong rows (nothing written). */
export type ImportOutcome = { ok: true; report: ImportReport; preview: Preview } | { ok: false; preview: Preview };

/**
 * The cms services the admin panel's plugin (admin-extensions/server) calls in-process, declared
 * once: the cms implements them (`satisfies`), the plugin calls them through cmsService(). A change
 * on one side that the other does not follow fails to compile. Refusals are thrown as the cms's
 * HttpError (status + French message) and answered by its error middleware.
 */
export interface CmsServices {
  'api::labels.labels': {
    model(): ModelLabels;
    choices(): Record<string, string>;
  };
  'api::workflow.admin-panel': {
    definitions(): AdminWorkflowDefinitions;
    panel(uid: string, documentId: string, user: AdminUserRef): Promise<AdminWorkflowPanel>;
    transition(uid: string, documentId: string, body: unknown, user: AdminUserRef): Promise<TransitionResult>;
  };
  /** « Nouvelle campagne »: a refused request throws Strapi's ValidationError (400, details.errors: FieldError[]). */
  'api::campaign.builder': {
    options(): Promise<BuilderOptions>;
    start(body: unknown, adminUser: { id: number } | null | undefined): Promise<BuildStarted>;
    /** null: no such build (wrong id, or too old). */
    status(buildId: string): Promise<BuildStatus | null>;
  };
  /** The homepage widget: progress of every service in the latest campaign. */
  'api::progress.admin-widget': {
    currentCampaign(): Promise<ProgressResponse>;
  };
  /** « Prêt pour l’audit ? » of the campaign audited next (or last), every service; null without a campaign. */
  'api::audit-finding.admin-readiness': {
    nextAudit(): Promise<Readiness | null>;
  };
  /** Référentiel import and export as spreadsheets; an unreadable file throws a 400 HttpError. */
  'api::referential.spreadsheet': {
    list(): Promise<ReferentialSummary[]>;
    template(format: SpreadsheetFormat): Promise<SpreadsheetFile>;
    /** null: no such référentiel. */
    exportReferential(documentId: string, format: SpreadsheetFormat): Promise<SpreadsheetFile | null>;
    preview(upload: Upload): Promise<Preview>;
    apply(upload: Upload): Promise<ImportOutcome>;
  };
  /** The PDF reports as the panel asks for them (it checks its own permission); bad parameters throw a 400 or 404 HttpError. */
  'api::report.report': {
    evaluationPdf(query: Record<string, unknown>): Promise<ReportFile>;
    synthesisPdf(query: Record<string, unknown>): Promise<ReportFile>;
    catalog(): Promise<CatalogCampaign[]>;
  };
  /**
   * « Courriels »: the mails of the queue by state, and a failed one sent again (the panel checks its
   * own permission). A bad query or body throws a 400 HttpError; a mail no longer failed, a 409.
   */
  'api::mail.admin-mails': {
    list(query: Record<string, unknown>): Promise<MailPage>;
    retry(body: unknown): Promise<MailRetried>;
  };
}

/** A cms service by its uid, typed by CmsServices. */
export function cmsService<K extends keyof CmsServices>(strapi: { service(uid: never): unknown }, uid: K): CmsServices[K] {
  return strapi.service(uid as never) as CmsServices[K];
}
