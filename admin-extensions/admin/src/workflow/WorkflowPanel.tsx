import { commonFieldLabel, type AdminWorkflowPanel as PanelData, type HistoryEvent } from '@charte/contract';
import { Box, Button, Field, Flex, Status, Textarea, Typography } from '@strapi/design-system';
import { useNotification, useQueryParams } from '@strapi/admin/strapi-admin';
import { buildValidParams, unstable_useDocument as useDocument } from '@strapi/content-manager/strapi-admin';
import { useId, useMemo, useRef, useState } from 'react';
import { errorMessage } from '../lib/errors';
import { modelLabels } from '../lib/labels';
import { useIsWorkflowType, usePanel, useTransition } from './api';
import { stateVariant } from './state-style';

/** What the Content Manager passes to an edit-view side panel. */
interface PanelProps {
  model: string;
  documentId?: string;
  collectionType: string;
  activeTab: string | null;
}

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });

/**
 * « Circuit de validation » side panel of the edit view, for the types of config/workflows.yaml: the state, why
 * fields are read-only, the actions this administrator may use (same rules as the REST API, the
 * server decides) and the history. The Content Manager renders each panel as a component (it may use
 * hooks) that returns a description rather than JSX: hence a component's name.
 */
export function WorkflowPanel(props: PanelProps) {
  const isWorkflow = useIsWorkflowType(props.model);
  if (!isWorkflow) return null;
  return { title: 'Circuit de validation', content: <WorkflowPanelContent {...props} /> };
}
WorkflowPanel.type = 'charte-workflow';

function WorkflowPanelContent({ model, documentId, collectionType }: PanelProps) {
  const panel = usePanel(model, documentId);
  if (!documentId) {
    return (
      <Typography variant="pi" textColor="neutral600">
        La fiche sera créée à l’état « {modelLabels().states.draft ?? 'draft'} ». Enregistrez-la pour suivre son circuit de validation.
      </Typography>
    );
  }
  if (panel.isLoading) return <Typography variant="pi">Chargement du circuit de validation…</Typography>;
  if (panel.isError || !panel.data) return <Typography variant="pi" textColor="danger600">{errorMessage(panel.error)}</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} width="100%" data-testid="workflow-panel">
      <StateSummary data={panel.data} />
      <Actions model={model} documentId={documentId} collectionType={collectionType} data={panel.data} />
      <History events={panel.data.history} />
    </Flex>
  );
}

function StateSummary({ data }: { data: PanelData }) {
  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex gap={2} alignItems="center">
        <Typography variant="sigma" textColor="neutral600">{commonFieldLabel(modelLabels(), 'workflowState')}</Typography>
        <Status variant={stateVariant(data.state)} size="S" data-testid="workflow-state">
          {/* Dark text on every state's tint, as in the list view: a warning-coloured label fails contrast. */}
          <Typography fontWeight="bold" textColor="neutral800">
            {data.stateLabel}
          </Typography>
        </Status>
      </Flex>
      {!data.editable && (
        <Typography variant="pi" textColor="neutral700">
          Lecture seule : les champs ne se modifient qu’à l’état « {modelLabels().states.draft ?? 'draft'} ». La fiche redevient modifiable si elle est renvoyée ou rouverte.
        </Typography>
      )}
    </Flex>
  );
}

function Actions({ model, documentId, collectionType, data }: { model: string; documentId: string; collectionType: string; data: PanelData }) {
  const transition = useTransition(model, documentId);
  const { toggleNotification } = useNotification();
  // Same arguments as the edit view's own query (see the Content Manager's useDoc), hence the same
  // cache entry: refetching it refreshes the form after a transition.
  const [{ query }] = useQueryParams();
  const params = useMemo(() => buildValidParams(query), [query]);
  const { refetch } = useDocument({ model, documentId, collectionType, params });
  const [pending, setPending] = useState<PanelData['actions'][number] | null>(null);
  const [comment, setComment] = useState('');
  const [error, setError] = useState<string | null>(null);
  const commentId = useId();
  const firstButton = useRef<HTMLButtonElement>(null);

  if (!data.actions.length) {
    return (
      <Typography variant="pi" textColor="neutral600">
        {data.roles.length
          ? `Aucune action possible pour vous à cet état (vous agissez comme ${data.roles.join(', ')}).`
          : 'Votre rôle d’administration ne donne aucune action du circuit de validation : consultation seulement.'}
      </Typography>
    );
  }

  const run = (action: PanelData['actions'][number], text?: string) => {
    setError(null);
    transition.mutate(
      { action: action.action, ...(text ? { comment: text } : {}) },
      {
        onSuccess: () => {
          toggleNotification({ type: 'success', message: `Action « ${action.label} » enregistrée.` });
          setPending(null);
          setComment('');
          void refetch();
        },
        onError: (e) => {
          setError(errorMessage(e));
          void refetch();
        },
      },
    );
  };

  if (pending) {
    return (
      <Flex direction="column" alignItems="stretch" gap={2} tag="form" onSubmit={(event: React.FormEvent) => { event.preventDefault(); if (comment.trim()) run(pending, comment.trim()); }}>
        <Field.Root id={commentId} required error={error ?? undefined} hint="Obligatoire : expliquez ce qui doit être repris.">
          <Field.Label>Commentaire pour « {pending.label} »</Field.Label>
          <Textarea name="comment" value={comment} onChange={(e: React.ChangeEvent<HTMLTextAreaElement>) => setComment(e.target.value)} />
          <Field.Hint />
          <Field.Error />
        </Field.Root>
        <Flex gap={2}>
          <Button type="submit" variant="danger-light" disabled={!comment.trim()} loading={transition.isPending}>{pending.label}</Button>
          <Button type="button" variant="tertiary" onClick={() => { setPending(null); setError(null); firstButton.current?.focus(); }}>Annuler</Button>
        </Flex>
      </Flex>
    );
  }

  return (
    <Flex direction="column" alignItems="stretch" gap={2}>
      <Flex gap={2} wrap="wrap">
        {data.actions.map((action, index) => (
          <Button
            key={action.action}
            ref={index === 0 ? firstButton : undefined}
            variant={action.commentRequired ? 'danger-light' : 'default'}
            loading={transition.isPending && transition.variables?.action === action.action}
            disabled={transition.isPending}
            onClick={() => (action.commentRequired ? setPending(action) : run(action))}
          >
            {action.label}
          </Button>
        ))}
      </Flex>
      {error && (
        <Typography variant="pi" textColor="danger600" role="alert">
          {error}
        </Typography>
      )}
    </Flex>
  );
}

function History({ events }: { events: HistoryEvent[] }) {
  return (
    <Box>
      <Typography variant="sigma" textColor="neutral600" tag="h3">Historique</Typography>
      {events.length === 0 ? (
        <Typography variant="pi" tag="p" textColor="neutral600">Aucune action pour l’instant.</Typography>
      ) : (
        <Box tag="ol" paddingTop={2} aria-label="Historique du circuit de validation">
          {[...events].reverse().map((e, i) => (
            <Box tag="li" key={`${e.at}-${i}`} paddingBottom={2}>
              <Typography variant="omega" fontWeight="semiBold" tag="p">{e.actionLabel} — {e.actor}</Typography>
              <Typography variant="pi" textColor="neutral600" tag="p">{dateTime.format(new Date(e.at))}</Typography>
              {e.comment && <Typography variant="pi" tag="p">« {e.comment} »</Typography>}
            </Box>
          ))}
        </Box>
      )}
    </Box>
  );
}
