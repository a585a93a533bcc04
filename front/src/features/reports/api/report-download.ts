import type { ReportRequest } from '@charte/contract';
import { useMutation } from '@tanstack/react-query';
import { downloadFile } from '../../../lib/api-client';

export function reportPath({ kind, campaign, service, draft, format }: ReportRequest): string {
  const params = new URLSearchParams({ campaign });
  if (service) params.set('service', service);
  if (draft) params.set('draft', 'true');
  if (format === 'docx') params.set('format', 'docx');
  return `/api/reports/${kind}?${params}`;
}

/** Downloads a report with the session's token; refusals come back in French. */
export function useReportDownload() {
  return useMutation({
    mutationFn: (request: ReportRequest) => downloadFile(reportPath(request), request.kind === 'synthesis' ? 'synthese.pdf' : `rapport-evaluation.${request.format ?? 'pdf'}`),
  });
}
