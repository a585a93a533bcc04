import { choiceLabel, fieldLabel, typeLabel, type ModelLabels } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../../../lib/api-client';
import { useSession } from '../../../lib/auth';
import { documentKeys, type WorkflowDocument } from '../../../lib/documents';
import { formatDate, formatDateTime } from '../../../lib/format';
import { queryRoots } from '../../../lib/query-keys';
import { useLabels } from '../../../lib/labels';
import { MysteryEvidenceSection } from './MysteryEvidenceSection';
import '../mystery.css';

/** One point's result as frozen with the test (cms/src/mystery-tests/outcomes.ts). */
interface Outcome {
  position: number;
  label: string;
  kind: string;
  unit: string | null;
  target: number | null;
  value: boolean | number | string | null;
  success: boolean | null;
}

type PromptedAction = { documentId: string; title: string; promptPoint: string };

/** The roadmap actions already prompted by this test's points. */
function usePromptedActions(testId: string, enabled: boolean) {
  return useQuery({
    queryKey: [...queryRoots.roadmap, 'mystery-test', testId] as const,
    enabled,
    queryFn: async () =>
      (
        await api<{ data: PromptedAction[] }>(
          `/api/roadmap-actions?filters[promptMysteryTest][documentId][$eq]=${encodeURIComponent(testId)}&fields[0]=title&fields[1]=promptPoint&pagination[pageSize]=100`,
        )
      ).data,
  });
}

function valueOf(outcome: Outcome, labels: ModelLabels): string {
  if (outcome.value === null) return outcome.success === false ? 'pas de réponse' : '—';
  if (typeof outcome.value === 'boolean') return outcome.value ? 'Oui' : 'Non';
  const unit = outcome.unit ? ` ${choiceLabel(labels, outcome.unit).toLowerCase()}` : '';
  return `${String(outcome.value).replace('.', ',')}${unit}${outcome.target !== null && outcome.kind !== 'scale' ? ` (cible : ${outcome.target}${unit})` : ''}`;
}

/**
 * A mystery test's result on the item page (« À traiter » › the test): the grid point by point and,
 * once validated, for each failed point, a roadmap action in one click — for whoever may create
 * actions for the tested service (its staff, the référent qualité; the API decides).
 */
export function MysteryResultSection({ test }: { test: WorkflowDocument }) {
  const labels = useLabels();
  const session = useSession();
  const queryClient = useQueryClient();
  const [created, setCreated] = useState<PromptedAction | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const validated = test.workflowState === 'validated';
  const canAct = Boolean(
    validated && session.data && (session.data.role.type === 'referent-qualite' || session.data.services.some((s) => s.documentId === test.service?.documentId)),
  );
  const actions = usePromptedActions(test.documentId, validated);
  const create = useMutation({
    mutationFn: async (point: string) =>
      (
        await api<{ data: PromptedAction }>('/api/roadmap-actions', {
          method: 'POST',
          json: { data: { service: test.service?.documentId, promptMysteryTest: test.documentId, promptPoint: point, owner: session.data?.user.name ?? '' } },
        })
      ).data,
    onSuccess: (action) => {
      setCreated(action);
      requestAnimationFrame(() => noticeRef.current?.focus());
      return Promise.all([queryClient.invalidateQueries({ queryKey: queryRoots.roadmap }), queryClient.invalidateQueries({ queryKey: documentKeys.all })]);
    },
  });
  const field = (name: string) => fieldLabel(labels, 'mystery-test', name);
  const outcomes = Object.entries((test.outcomes ?? {}) as Record<string, Outcome>).sort(([, a], [, b]) => a.position - b.position);
  const actionOf = (point: string) => actions.data?.find((a) => a.promptPoint === point);

  return (
    <section aria-labelledby="mystery-result-title" className="panel">
      <h2 id="mystery-result-title">Résultat du test</h2>
      <dl className="details mystery-brief">
        <div>
          <dt>{field('channel')}</dt>
          <dd>{choiceLabel(labels, test.channel)}</dd>
        </div>
        {test.testedAt && (
          <div>
            <dt>{field('testedAt')}</dt>
            <dd>{formatDateTime(test.testedAt)}</dd>
          </div>
        )}
        {test.sentOn && (
          <div>
            <dt>{field('sentOn')}</dt>
            <dd>{formatDate(test.sentOn)}</dd>
          </div>
        )}
        {test.sentOn && (
          <div>
            <dt>{field('answeredOn')}</dt>
            <dd>{test.answeredOn ? formatDate(test.answeredOn) : 'pas de réponse'}</dd>
          </div>
        )}
        {test.score !== null && test.score !== undefined && (
          <div>
            <dt>{field('score')}</dt>
            <dd>{String(test.score).replace('.', ',')}{'\u00a0'}%</dd>
          </div>
        )}
        {test.observations && (
          <div>
            <dt>{field('observations')}</dt>
            <dd>{test.observations}</dd>
          </div>
        )}
      </dl>
      {created && (
        <p ref={noticeRef} className="notice success" role="status" tabIndex={-1}>
          Action créée dans la feuille de route : <Link to={`/a-traiter/roadmap-actions/${created.documentId}`}>{created.title}</Link>. Complétez-la (échéance, pilote) depuis sa fiche.
        </p>
      )}
      {create.isError && (
        <p className="error" role="alert">
          L’action n’a pas été créée : {create.error.message}
        </p>
      )}
      <table className="mystery-points mystery-result">
          <caption className="visually-hidden">Résultat par point d’observation</caption>
          <thead>
            <tr>
              <th scope="col">Point d’observation</th>
              <th scope="col">Observé</th>
              <th scope="col">Résultat du point</th>
              {validated && <th scope="col">{typeLabel(labels, 'roadmap-action')}</th>}
            </tr>
          </thead>
          <tbody>
            {outcomes.map(([id, outcome]) => {
              const action = actionOf(id);
              return (
                <tr key={id}>
                  <th scope="row">{outcome.label}</th>
                  <td>{valueOf(outcome, labels)}</td>
                  <td>{outcome.success === null ? <span className="muted">non noté</span> : outcome.success ? 'Réussi' : <strong>Échoué</strong>}</td>
                  {validated && (
                    <td>
                      {action ? (
                        <Link to={`/a-traiter/roadmap-actions/${action.documentId}`}>{action.title}</Link>
                      ) : outcome.success === false && canAct ? (
                        <button type="button" disabled={create.isPending || actions.isPending} onClick={() => create.mutate(id)} aria-label={`Créer une action pour « ${outcome.label} »`}>
                          Créer une action
                        </button>
                      ) : null}
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
      </table>
      {validated && session.data?.role.evidenceWriter && <MysteryEvidenceSection testId={test.documentId} />}
    </section>
  );
}
