import type { Core } from '@strapi/strapi';
import { memo } from '../access/auth-cache';
import { link, tableOf } from '../platform/db/schema';
import { type Transition, type Workflow } from './definitions';
import { workflowLabels } from '../platform/config/labels';
import type { DocumentSummary } from './document-titles';
import type { MailJob } from '../platform/mail/mail-queue';
import { renderEmail } from './transition-emails';
import { NAME_COLUMNS, personName, type Nameable } from '../platform/people/person-name';

interface Person extends Nameable {
  id: number;
  email: string;
  blocked?: boolean;
}

/**
 * Who is behind each kind of recipient, remembered like the accounts (access/auth-cache.ts): the
 * same few people are looked up by every transition; a change to users, roles or services on this
 * instance forgets them at once, other instances within AUTH_CACHE_SECONDS.
 */
const people = memo<string, Person[]>();

/**
 * Who wrote the document: its author, else whoever last submitted it. A fiche the campaign builder
 * wrote has no author, and a head who sends it back must still reach the agent who submitted it.
 */
async function authorOf(strapi: Core.Strapi, workflow: Workflow, document: DocumentSummary): Promise<number | null> {
  if (document.authorId) return document.authorId;
  const submit = (await strapi.db.query('api::workflow-event.workflow-event').findOne({
    where: { targetUid: workflow.uid, targetDocumentId: document.documentId, action: 'submit' },
    orderBy: [{ at: 'desc' }, { id: 'desc' }],
    populate: { actor: { select: ['id'] } },
  })) as { actor?: { id: number } | null } | null;
  return submit?.actor?.id ?? null;
}

async function peopleOf(strapi: Core.Strapi, kind: string, workflow: Workflow, document: DocumentSummary): Promise<Person[]> {
  const users = strapi.db.query('plugin::users-permissions.user');
  const select = ['id', 'email', 'blocked', ...NAME_COLUMNS];
  if (kind === 'author') {
    const id = await authorOf(strapi, workflow, document);
    return id ? people.get(`author:${id}`, () => users.findMany({ select, where: { id } })) : [];
  }
  if (kind === 'service-heads' && document.service) {
    const serviceId = document.service.id;
    const heads = link(strapi, 'api::service.service', 'heads');
    return people.get(`heads:${serviceId}`, () =>
      strapi.db
        .connection(`${heads.table} as h`)
        .join(`${tableOf(strapi, 'plugin::users-permissions.user')} as u`, 'u.id', `h.${heads.to}`)
        .where(`h.${heads.from}`, serviceId)
        .select('u.id', 'u.email', 'u.blocked', ...NAME_COLUMNS.map((c) => `u.${c}`)),
    );
  }
  if (kind === 'dgs' || kind === 'referent-qualite') return people.get(`role:${kind}`, () => users.findMany({ select, where: { role: { type: kind } } }));
  return [];
}

/** The users a transition notifies, from its `notify` list, without the actor and without doubles. */
async function recipients(strapi: Core.Strapi, workflow: Workflow, transition: Transition, document: DocumentSummary, actorId: number | null): Promise<Person[]> {
  const found = (await Promise.all(transition.notify.map((kind) => peopleOf(strapi, kind, workflow, document)))).flat();
  const seen = new Set<string>();
  return found.filter((p) => p.id !== actorId && !p.blocked && p.email && !seen.has(p.email) && seen.add(p.email));
}

export function frontLink(collection: string, documentId: string): string {
  const base = process.env.PUBLIC_URL || `http://localhost:${process.env.PORT ?? 1337}`;
  return `${base.replace(/\/$/, '')}/a-traiter/${collection}/${documentId}`;
}

/** The e-mails a transition sends, one per recipient, written before its transaction opens. */
export async function transitionMails(
  strapi: Core.Strapi,
  context: { workflow: Workflow; transition: Transition; document: DocumentSummary; actor: { id: number | null; name: string }; comment: string | null },
): Promise<MailJob[]> {
  const { workflow, transition, document, actor, comment } = context;
  const labels = workflowLabels();
  const people = await recipients(strapi, workflow, transition, document, actor.id);
  return people.map((person) => ({
    to: person.email,
    ...renderEmail(transition.action, {
      recipient: personName(person),
      actor: actor.name,
      type: workflow.label,
      title: document.title,
      service: document.service?.name ?? 'Charte d’accueil',
      from: labels.states[transition.from],
      to: labels.states[transition.to],
      comment,
      link: frontLink(workflow.collection, document.documentId),
    }, workflow.name),
  }));
}
