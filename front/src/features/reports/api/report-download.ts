import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/api-client';

export type ReportKind = 'evaluation' | 'synthesis';

export interface ReportRequest {
  kind: ReportKind;
  campaign: string;
  /** The service's slug (evaluation report only). */
  service?: string;
  /** The working draft: every state, watermarked « Document de travail ». */
  draft: boolean;
}

export function reportPath({ kind, campaign, service, draft }: ReportRequest): string {
  const params = new URLSearchParams({ campaign });
  if (service) params.set('service', service);
  if (draft) params.set('draft', 'true');
  return `/api/reports/${kind}?${params}`;
}

/** Downloads a report with the session's token; refusals come back in French. */
export function useReportDownload() {
  return useMutation({
    mutationFn: (request: ReportRequest) => downloadFile(reportPath(request), request.kind === 'synthesis' ? 'synthese.pdf' : 'rapport-evaluation.pdf'),
  });
}
