import { choiceLabel, type ServiceReadiness } from '@charte/contract';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { countOf } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useCampaigns, useReadiness } from '../api/certification';
import '../certification.css';

/** One service's checklist: the verdict, the counts, then each criterion with what it lacks and where to fix it. */
function ServiceChecklist({ entry, onlyMissing }: { entry: ServiceReadiness; onlyMissing: boolean }) {
  const labels = useLabels();
  const { counts } = entry;
  const items = onlyMissing ? entry.items.filter((i) => i.problems.length) : entry.items;
  return (
    <section aria-labelledby={`pret-${entry.service.slug}`}>
      <h2 id={`pret-${entry.service.slug}`}>{entry.service.name}</h2>
      <p className="readiness-verdict">{entry.ready ? '✓ Prêt pour l’audit' : '✗ Pas encore prêt pour l’audit'}</p>
      <ul className="readiness-summary">
        <li>{countOf(counts.criteria, 'engagement applicable', 'engagements applicables')}</li>
        <li>{countOf(counts.approved, 'évaluation approuvée', 'évaluations approuvées')}</li>
        <li>{countOf(counts.withEvidence, 'avec preuve', 'avec preuve')}</li>
        <li>
          {countOf(counts.gaps, 'écart')}, dont {counts.gapsWithAction} avec une action
        </li>
        <li>{countOf(counts.blockingFindings, 'non-conformité majeure ouverte', 'non-conformités majeures ouvertes')}</li>
      </ul>
      {entry.blockingFindings.length > 0 && (
        <ul className="readiness-items">
          {entry.blockingFindings.map((f) => (
            <li key={f.documentId} className="readiness-item missing">
              <h3>
                {choiceLabel(labels, f.grade)} ({labels.states[f.workflowState] ?? f.workflowState})
              </h3>
              <p>{f.fact}</p>
              <p>
                <Link to={f.link}>Traiter le constat</Link>
              </p>
            </li>
          ))}
        </ul>
      )}
      {items.length ? (
        <ul className="readiness-items">
          {items.map((item) => (
            <li key={item.criterion.documentId} className={`readiness-item ${item.problems.length ? 'missing' : 'ok'}`}>
              <h3>
                {item.criterion.code} — {item.criterion.title}
              </h3>
              {item.evaluation && (
                <p className="muted">
                  {choiceLabel(labels, item.evaluation.result)} · {labels.states[item.evaluation.workflowState] ?? item.evaluation.workflowState}
                </p>
              )}
              {item.problems.length ? (
                <ul className="readiness-problems">
                  {item.problems.map((p) => (
                    <li key={p.code}>
                      {p.message} <Link to={p.link}>{p.code === 'no-action' ? 'Créer une action' : 'Ouvrir l’évaluation'}</Link>
                    </li>
                  ))}
                </ul>
              ) : (
                <p>✓ Rien ne manque.</p>
              )}
            </li>
          ))}
        </ul>
      ) : (
        <p className="muted">Rien ne manque pour ce service.</p>
      )}
    </section>
  );
}

/**
 * « Prêt pour l’audit ? » (/certification): before an audit, per service of the chosen campaign,
 * each applicable criterion with an approved evaluation, evidence, an action for a gap, and no open
 * major non-conformity — what is missing, with a link to fix it.
 */
export default function ReadinessPage() {
  const labels = useLabels();
  const campaigns = useCampaigns();
  const [chosen, setChosen] = useState('');
  const [service, setService] = useState('');
  const [onlyMissing, setOnlyMissing] = useState(true);
  const campaign = chosen || campaigns.data?.[0]?.documentId || '';
  const readiness = useReadiness(campaign);
  useTitleFocus(!campaigns.isPending);
  const services = readiness.data?.services ?? [];
  const shown = service ? services.filter((s) => s.service.documentId === service) : services;
  return (
    <section>
      <h1 tabIndex={-1}>Prêt pour l’audit ?</h1>
      <p>
        Avant l’audit de certification : chaque engagement applicable a une évaluation approuvée et une preuve valide (non échue), chaque écart une action de la feuille de route, et aucune
        non-conformité majeure n’est ouverte.
      </p>
      <p>
        <Link to="/certification/constats">{labels.types['audit-finding']?.plural}</Link> : accuser réception, créer les actions correctives, clore.
      </p>
      {campaigns.isPending ? (
        <Loading />
      ) : campaigns.isError ? (
        <ErrorMessage error={campaigns.error} />
      ) : (
        <div className="audit-filters">
          <div>
            <label htmlFor="pret-campagne">{labels.types.campaign?.label}</label>
            <select
              id="pret-campagne"
              value={campaign}
              onChange={(e) => {
                setChosen(e.target.value);
                setService('');
              }}
            >
              {(campaigns.data ?? []).map((c) => (
                <option key={c.documentId} value={c.documentId}>
                  {c.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="pret-service">{labels.types.service?.label}</label>
            <select id="pret-service" value={service} onChange={(e) => setService(e.target.value)}>
              <option value="">Tous les services</option>
              {services.map((s) => (
                <option key={s.service.documentId} value={s.service.documentId}>
                  {s.service.name}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label>
              <input type="checkbox" checked={onlyMissing} onChange={(e) => setOnlyMissing(e.target.checked)} /> Seulement ce qui manque
            </label>
          </div>
        </div>
      )}
      {readiness.isPending && campaign ? (
        <Loading />
      ) : readiness.isError ? (
        <ErrorMessage error={readiness.error} />
      ) : (
        shown.map((entry) => <ServiceChecklist key={entry.service.documentId} entry={entry} onlyMissing={onlyMissing} />)
      )}
    </section>
  );
}
