import { choiceLabel, fieldLabel, SURVEY_SOURCES, type SurveySource } from '@charte/contract';
import { useState, type FormEvent } from 'react';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { formatDate } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { useTextAnswers, type TextFilters } from '../api/surveys';

const plural = (n: number, one: string, many: string) => `${n} ${n > 1 ? many : one}`;

/**
 * The free-text answers to one question: a search (sent when the form is submitted, not at each
 * key), a source filter, and pages of 20, newest first. Answers are quoted as written: the cms
 * serves them only to readers of the results.
 */
export function TextAnswers({ documentId, question }: { documentId: string; question: { id: string; label: string } }) {
  const labels = useLabels();
  const [filters, setFilters] = useState<TextFilters>({ question: question.id, q: '', source: '', page: 1 });
  const [search, setSearch] = useState('');
  const answers = useTextAnswers(documentId, filters);
  const base = `textes-${question.id}`;

  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilters((current) => ({ ...current, q: search, page: 1 }));
  };
  const data = answers.data;
  const filtered = filters.q.trim() !== '' || filters.source !== '';

  return (
    <section className="panel text-answers" aria-labelledby={`${base}-titre`}>
      <h3 id={`${base}-titre`}>{question.label}</h3>
      <form className="filters" role="search" aria-label={`Filtrer les réponses à « ${question.label} »`} onSubmit={onSearch}>
        <div className="field">
          <label htmlFor={`${base}-recherche`}>Rechercher dans les réponses</label>
          <input id={`${base}-recherche`} type="search" value={search} maxLength={200} onChange={(event) => setSearch(event.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${base}-source`}>{fieldLabel(labels, 'survey-response', 'source')}</label>
          <select id={`${base}-source`} value={filters.source} onChange={(event) => setFilters((current) => ({ ...current, source: event.target.value as SurveySource | '', page: 1 }))}>
            <option value="">Toutes les sources</option>
            {SURVEY_SOURCES.map((source) => (
              <option key={source} value={source}>
                {choiceLabel(labels, source)}
              </option>
            ))}
          </select>
        </div>
        <div className="field submit">
          <button type="submit">Rechercher</button>
        </div>
      </form>
      {answers.isPending ? (
        <Loading />
      ) : answers.isError ? (
        <ErrorMessage error={answers.error} />
      ) : (
        <>
          <p role="status" aria-live="polite">
            {data!.total === 0
              ? filtered
                ? 'Aucune réponse ne correspond à ces critères.'
                : 'Aucune réponse écrite pour le moment.'
              : `${plural(data!.total, 'réponse', 'réponses')}${filtered ? ' correspondant à ces critères' : ''}${data!.pageCount > 1 ? ` — page ${data!.page} sur ${data!.pageCount}` : ''}.`}
          </p>
          {data!.items.length > 0 && (
            <ol start={(data!.page - 1) * data!.pageSize + 1} aria-label={`Réponses à « ${question.label} »`}>
              {data!.items.map((item, index) => (
                <li key={`${data!.page}-${index}`}>
                  <blockquote>{item.text}</blockquote>
                  {/* An agent survey's answer comes alone: its service and day could name its author. */}
                  {item.receivedOn !== null && (
                    <p className="meta">
                      <span className="source-badge">{choiceLabel(labels, item.source)}</span> {item.service ?? 'Service non précisé'}, le {formatDate(item.receivedOn)}
                    </p>
                  )}
                </li>
              ))}
            </ol>
          )}
          {data!.pageCount > 1 && (
            <nav className="pager" aria-label={`Pages des réponses à « ${question.label} »`}>
              <button type="button" disabled={data!.page <= 1 || answers.isFetching} onClick={() => setFilters((current) => ({ ...current, page: current.page - 1 }))}>
                Page précédente
              </button>
              <span>
                Page {data!.page} sur {data!.pageCount}
              </span>
              <button type="button" disabled={data!.page >= data!.pageCount || answers.isFetching} onClick={() => setFilters((current) => ({ ...current, page: current.page + 1 }))}>
                Page suivante
              </button>
            </nav>
          )}
        </>
      )}
    </section>
  );
}
