import { useMutation } from '@tanstack/react-query';
import { apiDownload } from '../../../lib/api-client';

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

/** Saves the PDF through a temporary link: the browser's own download, with the server's file name. */
function save(blob: Blob, filename: string) {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Downloads a report with the session's token; refusals come back in French. */
export function useReportDownload() {
  return useMutation({
    mutationFn: async (request: ReportRequest) => {
      const { blob, filename } = await apiDownload(reportPath(request));
      const name = filename ?? (request.kind === 'synthesis' ? 'synthese.pdf' : 'rapport-evaluation.pdf');
      save(blob, name);
      return name;
    },
  });
}
