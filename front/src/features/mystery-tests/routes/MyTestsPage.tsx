import { fieldLabel, typeLabel, type MysteryTesterTest } from '@charte/contract';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { countOf, formatDate } from '../../../lib/format';
import { useSession } from '../../../lib/auth';
import { useLabels } from '../../../lib/labels';
import { useMyTests } from '../api/mystery-tests';
import { MysteryFiguresSection } from '../components/MysteryFiguresSection';
import '../mystery.css';

function TestCard({ test }: { test: MysteryTesterTest }) {
  const labels = useLabels();
  return (
    <li className="mystery-card">
      <h4>
        <Link to={`/tests-mysteres/${test.documentId}`}>
          {test.channelLabel} — {test.service?.name}
        </Link>
      </h4>
      <p>
        Du {formatDate(test.windowStart)} au {formatDate(test.windowEnd)}
        {test.campaign ? ` · ${test.campaign}` : ''}
      </p>
      {test.scenario && (
        <p>
          <span className="muted">{fieldLabel(labels, 'mystery-test', 'scenario')} :</span> {test.scenario}
        </p>
      )}
      {test.score !== null && test.workflowState !== 'draft' && <p>{fieldLabel(labels, 'mystery-test', 'score')} : {String(test.score).replace('.', ',')} %</p>}
    </li>
  );
}

/**
 * « Tests mystères » (/tests-mysteres): for a tester, their list — the tests to play, with their
 * scenario and window, then those submitted and validated (never a test of their own service) —;
 * for every staff member, the validated results of their services.
 */
export default function MyTestsPage() {
  const tests = useMyTests();
  const labels = useLabels();
  const session = useSession();
  useTitleFocus(!tests.isPending);
  const all = tests.data ?? [];
  const groups = [
    { title: 'À réaliser', items: all.filter((t) => t.workflowState === 'draft'), empty: 'Aucun test à réaliser pour le moment.' },
    { title: 'Soumis au référent qualité', items: all.filter((t) => t.workflowState === 'submitted'), empty: 'Aucun résultat en attente de validation.' },
    { title: 'Validés', items: all.filter((t) => t.workflowState === 'validated'), empty: 'Aucun résultat validé.' },
  ];
  return (
    <section>
      <h1 tabIndex={-1}>{typeLabel(labels, 'mystery-test', true)}</h1>
      {session.data?.role.mysteryPlanner && (
        <p>
          <Link to="/tests-mysteres/vagues">Planifier les vagues de tests</Link> : le nombre de tests par service et canal, leurs testeurs, leur scénario.
        </p>
      )}
      {tests.isPending ? (
        <Loading />
      ) : tests.isError ? (
        <ErrorMessage error={tests.error} />
      ) : (
        all.length > 0 && (
          <section aria-labelledby="mes-tests">
            <h2 id="mes-tests">Mes tests</h2>
            <p>
              Jouez chaque scénario dans sa période, comme un usager, puis remplissez la grille aussitôt (sur votre téléphone si besoin). Le service
              testé n’en sait rien avant la validation du résultat.
            </p>
            {groups.map((group, index) => (
              <section key={group.title} aria-labelledby={`groupe-${index}`}>
                <h3 id={`groupe-${index}`}>
                  {group.title} <span className="muted">({countOf(group.items.length, 'test')})</span>
                </h3>
                {group.items.length ? (
                  <ul className="mystery-cards">
                    {group.items.map((test) => (
                      <TestCard key={test.documentId} test={test} />
                    ))}
                  </ul>
                ) : (
                  <p className="muted">{group.empty}</p>
                )}
              </section>
            ))}
          </section>
        )
      )}
      <section aria-labelledby="resultats-valides">
        <h2 id="resultats-valides">Résultats validés</h2>
        <MysteryFiguresSection />
      </section>
    </section>
  );
}
