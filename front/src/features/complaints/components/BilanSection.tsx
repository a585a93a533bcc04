import { fieldLabel, typeLabel, type CountRow } from '@charte/contract';
import { ScrollRegion } from '../../../components/ScrollRegion';
import { useState } from 'react';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { formatRate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useBilan, useBilanDownload } from '../api/complaints';

const MONTHS = ['janvier', 'février', 'mars', 'avril', 'mai', 'juin', 'juillet', 'août', 'septembre', 'octobre', 'novembre', 'décembre'];
const number = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });
const share = (count: number, total: number) => (total ? `${number.format((100 * count) / total)} %` : '—');
const days = (value: number | null) => (value === null ? '—' : `${number.format(value)} j`);

function CountTable({ caption, head, rows, total }: { caption: string; head: string; rows: CountRow[]; total: number }) {
  return (
    <ScrollRegion label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{head}</th>
            <th scope="col">Nombre</th>
            <th scope="col">Part</th>
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 && (
            <tr>
              <td colSpan={3}>Aucune demande.</td>
            </tr>
          )}
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.label}</th>
              <td>{r.count}</td>
              <td>{share(r.count, total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** « Bilan des réclamations » of a year: what the annual report to the élus shows. */
export function BilanSection({ service }: { service: string }) {
  const thisYear = Number(new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric' }).format(new Date()));
  const [year, setYear] = useState(thisYear);
  const bilan = useBilan(year, service);
  const download = useBilanDownload();
  const labels = useLabels();
  const b = bilan.data;
  return (
    <section aria-labelledby="bilan-titre">
      <h2 id="bilan-titre">Bilan des réclamations {year}</h2>
      <div className="toolbar">
        <label htmlFor="bilan-annee">Année</label>
        <select id="bilan-annee" value={year} onChange={(e) => setYear(Number(e.target.value))}>
          {Array.from({ length: 6 }, (_, i) => thisYear - i).map((y) => (
            <option key={y} value={y}>
              {y}
            </option>
          ))}
        </select>
        <button type="button" onClick={() => download.mutate({ year, service })} disabled={download.isPending}>
          Télécharger le bilan (.xlsx)
        </button>
        {download.isError && <ErrorMessage error={download.error} />}
      </div>
      {bilan.isPending && <Loading />}
      {bilan.isError && <ErrorMessage error={bilan.error} />}
      {b && (
        <>
          <dl className="details">
            <div>
              <dt>Demandes reçues</dt>
              <dd>{b.total}</dd>
            </div>
            <div>
              <dt>Répondues dans le délai ({b.deadline.days} jours {b.deadline.counting === 'working' ? 'ouvrés' : 'calendaires'})</dt>
              <dd>
                {formatRate(b.responseRate.rate)} ({b.responseRate.answeredInTime} sur {b.responseRate.received - b.responseRate.pending}
                {b.responseRate.pending ? `, ${b.responseRate.pending} en attente dont le délai court encore` : ''})
              </dd>
            </div>
            <div>
              <dt>Délai de réponse</dt>
              <dd>
                médian {days(b.delays.medianDays)}, moyen {days(b.delays.averageDays)}, le plus long {days(b.delays.maxDays)} ({b.delays.answered} réponses)
              </dd>
            </div>
            <div>
              <dt>Encore ouvertes et hors délai</dt>
              <dd>{b.delays.stillOpenLate}</dd>
            </div>
          </dl>
          <CountTable caption="Par nature" head={fieldLabel(labels, 'complaint', 'kind')} rows={b.byKind} total={b.total} />
          <CountTable caption="Par canal de réception" head="Canal" rows={b.byChannel} total={b.total} />
          <ScrollRegion label="Par service">
            <table>
              <caption>Par service</caption>
              <thead>
                <tr>
                  <th scope="col">{typeLabel(labels, 'service')}</th>
                  <th scope="col">Nombre</th>
                  <th scope="col">Répondues dans le délai</th>
                  <th scope="col">Hors délai</th>
                </tr>
              </thead>
              <tbody>
                {b.byService.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{r.label}</th>
                    <td>{r.count}</td>
                    <td>{r.answeredInTime}</td>
                    <td>{r.lateOrOpenLate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
          <CountTable caption="Objets les plus fréquents (regroupés sans tenir compte des majuscules ni des espaces)" head={fieldLabel(labels, 'complaint', 'subject')} rows={b.bySubject} total={b.total} />
          <table>
            <caption>Par mois de réception</caption>
            <thead>
              <tr>
                <th scope="col">Mois</th>
                <th scope="col">Nombre</th>
              </tr>
            </thead>
            <tbody>
              {b.byMonth.map((m) => (
                <tr key={m.month}>
                  <th scope="row">{MONTHS[m.month - 1]}</th>
                  <td>{m.count}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
