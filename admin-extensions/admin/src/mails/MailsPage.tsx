import { MAIL_STATES, type MailCounts, type MailEntry, type MailState } from '@charte/contract';
import { Layouts, Page, useNotification } from '@strapi/admin/strapi-admin';
import { Box, Button, Flex, Table, Tabs, Tbody, Td, Th, Thead, Tr, Typography } from '@strapi/design-system';
import { useState } from 'react';
import { errorMessage } from '../lib/errors';
import { formatCount, plural } from '../lib/format';
import { QueryProvider } from '../lib/query';
import { useMails, useRetryMail } from './api';

const TITLE = 'Courriels';

/** Failures first: the page is where the banner of the application sends people. */
const TABS: MailState[] = ['failed', 'pending', 'sent'];

const TAB: Record<MailState, { label: string; intro: string; empty: string; date: string }> = {
  failed: {
    label: 'En échec',
    intro:
      'Ces courriels n’ont pas pu partir malgré leurs nouveaux essais : ils ne repartiront pas seuls. Une fois la cause réglée (serveur SMTP, adresse du destinataire), « Réessayer » en fait un nouvel essai.',
    empty: 'Aucun courriel en échec.',
    date: 'Abandonné le',
  },
  pending: {
    label: 'En attente',
    intro: 'Courriels pas encore acceptés par le serveur SMTP : nouveaux, en cours d’envoi, ou refusés une fois et en attente d’un nouvel essai (le délai s’allonge à chaque essai).',
    empty: 'Aucun courriel en attente : tout est parti.',
    date: 'Créé le',
  },
  sent: {
    label: 'Envoyés',
    intro: 'Courriels acceptés par le serveur SMTP, les plus récents d’abord.',
    empty: 'Aucun courriel envoyé ces derniers jours.',
    date: 'Envoyé le',
  },
};

const dateTime = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'medium', timeStyle: 'short' });
const time = new Intl.DateTimeFormat('fr-FR', { timeStyle: 'short' });
const formatDate = (value: string | null) => (value ? dateTime.format(new Date(value)) : '—');

function dateOf(mail: MailEntry, state: MailState) {
  if (state !== 'pending') return formatDate(mail.completedAt);
  const created = formatDate(mail.createdAt);
  return mail.nextAttemptAt ? `${created} (nouvel essai vers ${time.format(new Date(mail.nextAttemptAt))})` : created;
}

function RetryButton({ mail }: { mail: MailEntry }) {
  const retry = useRetryMail();
  const { toggleNotification } = useNotification();
  return (
    <Button
      variant="secondary"
      size="S"
      loading={retry.isPending}
      aria-label={`Réessayer le courriel à ${mail.to} : ${mail.subject}`}
      onClick={() =>
        retry.mutate(mail.id, {
          onSuccess: () =>
            toggleNotification({
              type: 'success',
              message: `Courriel à ${mail.to} remis en file : il part dans quelques secondes si le serveur SMTP l’accepte (onglet « En attente »).`,
            }),
          onError: (error) => toggleNotification({ type: 'danger', message: errorMessage(error) }),
        })
      }
    >
      Réessayer
    </Button>
  );
}

function MailTable({ state, mails }: { state: MailState; mails: MailEntry[] }) {
  const withError = state !== 'sent';
  const withAction = state === 'failed';
  const columns = 4 + Number(withError) + Number(withAction);
  return (
    <Table colCount={columns} rowCount={mails.length + 1}>
      <Thead>
        <Tr>
          <Th>
            <Typography variant="sigma">Destinataire</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Objet</Typography>
          </Th>
          <Th>
            <Typography variant="sigma">Tentatives</Typography>
          </Th>
          {withError && (
            <Th>
              <Typography variant="sigma">Dernière erreur</Typography>
            </Th>
          )}
          <Th>
            <Typography variant="sigma">{TAB[state].date}</Typography>
          </Th>
          {withAction && (
            <Th>
              <Typography variant="sigma">Action</Typography>
            </Th>
          )}
        </Tr>
      </Thead>
      <Tbody>
        {mails.map((mail) => (
          <Tr key={mail.id}>
            <Td>
              <Typography>{mail.to}</Typography>
            </Td>
            <Td style={{ whiteSpace: 'normal', minWidth: '16rem' }}>
              <Typography>{mail.subject}</Typography>
            </Td>
            <Td>
              <Typography>{formatCount(mail.attempts)}</Typography>
            </Td>
            {withError && (
              <Td style={{ whiteSpace: 'normal', minWidth: '14rem', maxWidth: '28rem' }}>
                {/* The SMTP server's own words, often English: quoted as it gave them, for whoever fixes it. */}
                <Typography variant="pi" textColor={mail.lastError ? 'danger600' : 'neutral600'} style={{ overflowWrap: 'anywhere' }}>
                  {mail.lastError ?? '—'}
                </Typography>
              </Td>
            )}
            <Td>
              <Typography>{dateOf(mail, state)}</Typography>
            </Td>
            {withAction && (
              <Td>
                <RetryButton mail={mail} />
              </Td>
            )}
          </Tr>
        ))}
      </Tbody>
    </Table>
  );
}

function StateTab({ state, page, setPage }: { state: MailState; page: number; setPage: (page: number) => void }) {
  const mails = useMails(state, page);
  const pagination = mails.data?.meta.pagination;
  return (
    <Flex direction="column" alignItems="stretch" gap={4} paddingTop={4}>
      <Typography textColor="neutral700">{TAB[state].intro}</Typography>
      {mails.isPending && <Typography>Chargement…</Typography>}
      {mails.isError && (
        <Typography textColor="danger600" role="alert">
          {errorMessage(mails.error)}
        </Typography>
      )}
      {mails.data && mails.data.data.length === 0 && (
        <Box background="neutral0" padding={6} hasRadius shadow="tableShadow">
          <Typography>{TAB[state].empty}</Typography>
        </Box>
      )}
      {mails.data && mails.data.data.length > 0 && <MailTable state={state} mails={mails.data.data} />}
      {pagination && pagination.pageCount > 1 && (
        <Flex gap={2} alignItems="center" justifyContent="flex-end" tag="nav" aria-label="Pages de la liste">
          <Button variant="tertiary" disabled={page <= 1} onClick={() => setPage(page - 1)}>
            Page précédente
          </Button>
          <Typography aria-live="polite">
            Page {formatCount(page)} sur {formatCount(pagination.pageCount)}
          </Typography>
          <Button variant="tertiary" disabled={page >= pagination.pageCount} onClick={() => setPage(page + 1)}>
            Page suivante
          </Button>
        </Flex>
      )}
    </Flex>
  );
}

const tabLabel = (state: MailState, counts: MailCounts | undefined) => (counts ? `${TAB[state].label} (${formatCount(counts[state])})` : TAB[state].label);

function Mails() {
  const [state, setState] = useState<MailState>('failed');
  const [pages, setPages] = useState<Record<MailState, number>>({ failed: 1, pending: 1, sent: 1 });
  // The counts of every state come with any page: the tabs show them whichever is open.
  const current = useMails(state, pages[state]);
  const counts = current.data?.meta.counts;
  const keptDays = current.data?.meta.keptDays ?? 7;
  return (
    <Page.Main>
      <Page.Title>{TITLE}</Page.Title>
      <Layouts.Header
        title={TITLE}
        subtitle={`Les courriels de l’application (circuit de validation, rappels) et leur envoi. Un courriel envoyé ou abandonné reste visible ${plural(keptDays, 'jour', 'jours')}.`}
        primaryAction={
          <Button variant="secondary" loading={current.isFetching} onClick={() => void current.refetch()}>
            Actualiser
          </Button>
        }
      />
      <Layouts.Content>
        <Tabs.Root value={state} onValueChange={(value) => (MAIL_STATES as readonly string[]).includes(value) && setState(value as MailState)}>
          <Tabs.List aria-label="État des courriels">
            {TABS.map((s) => (
              <Tabs.Trigger key={s} value={s}>
                {tabLabel(s, counts)}
              </Tabs.Trigger>
            ))}
          </Tabs.List>
          {TABS.map((s) => (
            <Tabs.Content key={s} value={s}>
              {s === state && <StateTab state={s} page={pages[s]} setPage={(page) => setPages((p) => ({ ...p, [s]: page }))} />}
            </Tabs.Content>
          ))}
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
}

export default function MailsPage() {
  return (
    <QueryProvider>
      <Mails />
    </QueryProvider>
  );
}
