import { choiceLabel, fieldLabel } from '@charte/contract';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import type { Finding } from '../api/certification';

/** One finding as the lists show it: its grade (coloured), criterion, service, fact, state; `children` are its buttons. */
export function FindingCard({ finding, children }: { finding: Finding; children?: ReactNode }) {
  const labels = useLabels();
  const field = (name: string) => fieldLabel(labels, 'audit-finding', name);
  return (
    <li className={`finding-card grade-${finding.grade}`}>
      <p className="finding-head">
        <span className="finding-grade">{choiceLabel(labels, finding.grade)}</span>
        <span className="finding-state">{labels.states[finding.workflowState] ?? finding.workflowState}</span>
      </p>
      <h3>
        <Link to={`/a-traiter/audit-findings/${finding.documentId}`}>
          {finding.criterion ? `${finding.criterion.code} — ${finding.criterion.title}` : field('criterion')}
        </Link>
      </h3>
      <p className="muted">
        {finding.service?.name} · {formatDate(finding.updatedAt)}
      </p>
      <p>
        <span className="muted">{field('fact')} :</span> {finding.fact}
      </p>
      {finding.requirement && (
        <p>
          <span className="muted">{field('requirement')} :</span> {finding.requirement}
        </p>
      )}
      {finding.rootCause && (
        <p>
          <span className="muted">{field('rootCause')} :</span> {finding.rootCause}
        </p>
      )}
      {children}
    </li>
  );
}
