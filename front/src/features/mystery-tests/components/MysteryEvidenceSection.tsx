import { useRef } from 'react';
import { Link } from 'react-router-dom';
import { useAttachAsEvidence, useEvidenceTargets } from '../api/mystery-tests';

/**
 * On a validated test's page: the evaluations its result is evidence for (its service, an
 * engagement one of its points observes, the campaign running on the day of the test), each
 * attached in one click as a PDF sheet of the result — without the tester's name.
 */
export function MysteryEvidenceSection({ testId }: { testId: string }) {
  const targets = useEvidenceTargets(testId);
  const attach = useAttachAsEvidence(testId);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const onAttach = (evaluation: string) => attach.mutate(evaluation, { onSuccess: () => requestAnimationFrame(() => noticeRef.current?.focus()) });

  return (
    <section aria-labelledby="mystery-evidence-title" className="mystery-evidence">
      <h3 id="mystery-evidence-title">Pièce pour l’évaluation</h3>
      <p className="muted">
        Le résultat, mis en page en PDF (sans le nom du testeur), devient une pièce de l’évaluation de l’engagement observé, dans la campagne en cours le jour du test.
      </p>
      {attach.isSuccess && (
        <p ref={noticeRef} className="notice success" role="status" tabIndex={-1}>
          {attach.data.meta.message}
        </p>
      )}
      {attach.isError && (
        <p className="error" role="alert">
          Le test n’a pas été joint : {attach.error.message}
        </p>
      )}
      {targets.isPending && <p role="status">Chargement des évaluations…</p>}
      {targets.isError && (
        <p className="error" role="alert">
          Les évaluations n’ont pas pu être chargées : {targets.error.message}
        </p>
      )}
      {targets.data && !targets.data.length && (
        <p>Aucune évaluation ne correspond : aucune campagne n’était en cours le jour du test, ou aucun engagement que la grille observe n’est évalué pour ce service.</p>
      )}
      {targets.data && targets.data.length > 0 && (
        <ul className="mystery-cards">
          {targets.data.map((t) => (
            <li key={t.evaluation.documentId} className="mystery-card">
              <h4>
                <Link to={`/a-traiter/evaluations/${t.evaluation.documentId}`}>
                  {t.criterion.code} — {t.criterion.title}
                </Link>
              </h4>
              <p className="muted">
                {t.campaign.name} · observé par : {t.points.join(' ; ')}
              </p>
              {t.attached ? (
                <p>
                  Joint à l’évaluation : <a href={t.attached.url}>{t.attached.name}</a>
                </p>
              ) : t.blocked ? (
                <p className="muted">{t.blocked}</p>
              ) : (
                <button type="button" disabled={attach.isPending} onClick={() => onAttach(t.evaluation.documentId)} aria-label={`Joindre le test à l’évaluation de l’engagement ${t.criterion.code}`}>
                  {attach.isPending && attach.variables === t.evaluation.documentId ? 'Pièce en préparation…' : 'Joindre à l’évaluation'}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
