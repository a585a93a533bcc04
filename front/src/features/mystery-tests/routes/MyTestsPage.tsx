import { fieldLabel, type MysteryTesterTest } from '@charte/contract';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { countOf, formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useMyTests } from '../api/mystery-tests';
import '../mystery.css';

function TestCard({ test }: { test: MysteryTesterTest }) {
  const labels = useLabels();
  return (
    <li className="mystery-card">
      <h3>
        <Link to={`/tests-mysteres/${test.documentId}`}>
          {test.channelLabel} — {test.service?.name}
        </Link>
      </h3>
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
 * The tester's list (/tests-mysteres): the tests to play, with their scenario and window, then those
 * submitted and validated. A tester never sees a test of their own service: the référent qualité
 * does not plan one.
 */
export default function MyTestsPage() {
  const tests = useMyTests();
  useTitleFocus(!tests.isPending);
  const all = tests.data ?? [];
  const groups = [
    { title: 'À réaliser', items: all.filter((t) => t.workflowState === 'draft'), empty: 'Aucun test à réaliser pour le moment.' },
    { title: 'Soumis au référent qualité', items: all.filter((t) => t.workflowState === 'submitted'), empty: 'Aucun résultat en attente de validation.' },
    { title: 'Validés', items: all.filter((t) => t.workflowState === 'validated'), empty: 'Aucun résultat validé.' },
  ];
  return (
    <section>
      <h1 tabIndex={-1}>Mes tests mystères</h1>
      <p>
        Jouez chaque scénario dans sa période, comme un usager, puis remplissez la grille aussitôt (sur votre téléphone si besoin). Le service testé n’en
        sait rien avant la validation du résultat.
      </p>
      {tests.isPending ? (
        <Loading />
      ) : tests.isError ? (
        <ErrorMessage error={tests.error} />
      ) : (
        groups.map((group) => (
          <section key={group.title} aria-labelledby={`groupe-${group.title}`}>
            <h2 id={`groupe-${group.title}`}>
              {group.title} <span className="muted">({countOf(group.items.length, 'test')})</span>
            </h2>
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
        ))
      )}
    </section>
  );
}
