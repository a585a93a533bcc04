import type { BatchResult, InboxGroup, InboxItem } from '@charte/contract';
import { typeLabel } from '@charte/contract';
import { useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { ApiError } from '../../../lib/api-client';
import { countOf } from '../../../lib/format';
import { useLabels } from '../../../lib/labels';
import { queryString } from '../../../lib/query-string';
import { useBatchTransition, useInbox, type InboxFilters } from '../api/workflow';
import { BatchDialog } from '../components/BatchDialog';
import { InboxGroupSection, itemKey } from '../components/InboxGroupSection';

/**
 * « À traiter »: what is asked of the user, group by group (config/workflows.yaml, inbox.groups),
 * each counted and sorted by waiting time; filters by type and service live in the address
 * (« ?type=evaluations&service=…&groupe=…&page=2 »: shareable, back button). In a group whose
 * action may be done in batches (« À approuver »), the user ticks the documents they have looked
 * at and confirms the list before anything is done; the outcome is read out (aria-live).
 */
export default function InboxPage() {
  const [params, setParams] = useSearchParams();
  const filters: InboxFilters = {
    type: params.get('type') ?? undefined,
    service: params.get('service') ?? undefined,
    group: params.get('groupe') ?? undefined,
    page: Number(params.get('page')) > 1 ? Number(params.get('page')) : undefined,
  };
  const inbox = useInbox(filters);
  const labels = useLabels();
  const batch = useBatchTransition();
  const [selected, setSelected] = useState<Map<string, InboxItem>>(new Map());
  const [confirming, setConfirming] = useState<InboxGroup | null>(null);
  const [outcome, setOutcome] = useState<BatchResult | null>(null);
  const returnFocus = useRef<HTMLElement | null>(null);

  const set = (name: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(name, value);
        else next.delete(name);
        // Another filter starts again from the first page.
        next.delete('page');
        return next;
      },
      { replace: true },
    );
  const hrefOf = (group: string | undefined, page: number) =>
    `/a-traiter${queryString({ type: filters.type, service: filters.service, groupe: group, page: page > 1 ? String(page) : undefined })}`;

  const select = (item: InboxItem, on: boolean) =>
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(itemKey(item), item);
      else next.delete(itemKey(item));
      return next;
    });
  const selectAll = (items: InboxItem[], on: boolean) => items.forEach((item) => select(item, on));
  /** The selection of a group, as it is on screen now (a document gone from the page is no longer selected). */
  const chosenIn = (group: InboxGroup) => group.items.filter((i) => selected.has(itemKey(i)));

  const confirm = () => {
    if (!confirming) return;
    const items = chosenIn(confirming).map(({ collection, documentId }) => ({ collection, documentId }));
    batch.mutate(
      { action: confirming.action, items },
      {
        onSuccess: (result) => {
          setOutcome(result);
          setSelected(new Map());
        },
        onSettled: () => close(),
      },
    );
  };
  const open = (group: InboxGroup) => {
    returnFocus.current = document.activeElement as HTMLElement | null;
    setOutcome(null);
    batch.reset();
    setConfirming(group);
  };
  const close = () => {
    setConfirming(null);
    returnFocus.current?.focus();
  };

  const data = inbox.data;
  const filtered = Boolean(filters.type || filters.service);
  const batchError = batch.error instanceof ApiError ? batch.error : null;
  return (
    <section aria-labelledby="inbox-title" className="inbox">
      <h1 id="inbox-title" tabIndex={-1}>
        À traiter
      </h1>
      {inbox.isPending && <Loading />}
      {inbox.isError && <ErrorMessage error={inbox.error} />}
      {data && (
        <>
          <p className="lead">
            {data.total === 0
              ? filtered
                ? 'Rien ne vous attend avec ces filtres.'
                : 'Rien ne vous attend pour le moment.'
              : `${countOf(data.total, 'document')} ${data.total > 1 ? 'attendent' : 'attend'} une action de votre part${filtered ? ' avec ces filtres' : ''}\u00a0; dans chaque groupe, les plus anciens d’abord.`}
          </p>
          <form className="inbox-filters" role="search" aria-label={'Filtrer «\u00a0À traiter\u00a0»'} onSubmit={(e) => e.preventDefault()}>
            <div className="field">
              <label htmlFor="inbox-type">Type de document</label>
              <select id="inbox-type" value={filters.type ?? ''} onChange={(e) => set('type', e.target.value || undefined)}>
                <option value="">Tous les types</option>
                {data.filters.types.map((t) => (
                  <option key={t.value} value={t.value}>
                    {t.label} ({t.count})
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="inbox-service">{typeLabel(labels, 'service')}</label>
              <select id="inbox-service" value={filters.service ?? ''} onChange={(e) => set('service', e.target.value || undefined)}>
                <option value="">Tous les services</option>
                {data.filters.services.map((s) => (
                  <option key={s.value} value={s.value}>
                    {s.label} ({s.count})
                  </option>
                ))}
              </select>
            </div>
            {filters.group && (
              <p className="inbox-all">
                <Link to={hrefOf(undefined, 1)}>Voir tous les groupes</Link>
              </p>
            )}
          </form>
          <div className="batch-outcome" aria-live="polite">
            {outcome && <BatchOutcome result={outcome} actionLabel={labels.actions[outcome.action] ?? outcome.action} states={labels.states} />}
          </div>
          {batchError && (
            <p className="error" role="alert">
              {batchError.message}
            </p>
          )}
          {data.groups.map((group) => (
            <InboxGroupSection
              key={group.name}
              group={group}
              alone={Boolean(filters.group)}
              pageHref={(page) => hrefOf(group.name, page)}
              selected={new Set(selected.keys())}
              onSelect={select}
              onSelectAll={selectAll}
              onBatch={() => open(group)}
              busy={batch.isPending}
            />
          ))}
        </>
      )}
      {confirming && (
        <BatchDialog
          actionLabel={labels.actions[confirming.action] ?? confirming.action}
          items={chosenIn(data?.groups.find((g) => g.name === confirming.name) ?? confirming)}
          busy={batch.isPending}
          onConfirm={confirm}
          onCancel={close}
        />
      )}
    </section>
  );
}

/** What a batch did: how many documents were done, and each refusal with its reason. */
function BatchOutcome({ result, actionLabel, states }: { result: BatchResult; actionLabel: string; states: Record<string, string> }) {
  const failures = result.results.filter((r) => !r.ok);
  const reached = result.results.find((r) => r.ok)?.workflowState;
  const doneText =
    result.done > 0
      ? `${actionLabel}\u00a0: c’est fait pour ${countOf(result.done, 'document')}, maintenant à l’état «\u00a0${states[reached ?? ''] ?? reached}\u00a0».`
      : `${actionLabel}\u00a0: aucun document n’a été traité.`;
  return (
    <div className={failures.length ? 'batch-result partial' : 'batch-result'}>
      <p className={result.done > 0 ? 'success' : 'error'}>{doneText}</p>
      {failures.length > 0 && (
        <>
          <p className="error">{`${countOf(failures.length, 'document')} ${failures.length > 1 ? 'n’ont pas été traités' : 'n’a pas été traité'}\u00a0:`}</p>
          <ul>
            {failures.map((f) => (
              <li key={`${f.collection}/${f.documentId}`}>{`${f.title ?? f.documentId}\u00a0: ${f.message}`}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
