import fs from 'node:fs';
import path from 'node:path';
import type { Core } from '@strapi/strapi';
import YAML from 'yaml';
import { demoIds, documentIn } from '../helpers/fixtures';
import { http, login, startStrapi, stopStrapi } from '../helpers/strapi';

/**
 * The permission matrix, generated from config/workflows.yaml (read here on its own, not through
 * the engine): every role × action × own/other service × starting state, over real HTTP, with the
 * exact status the rules of docs/architecture.md (« Circuit de validation ») give.
 */
interface Transition { action: string; from: string; to: string; by: Record<string, 'any' | 'member' | 'head' | 'author'>; together?: boolean }
interface Workflow { uid: string; collection: string; serviceBound: boolean; states: string[]; transitions: Transition[] }
const file = YAML.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', 'workflows.yaml'), 'utf8'), { merge: true });
// A type's list may include the common circuit as a nested list (`- *serviceTransitions`).
const workflows = Object.entries(file.workflows as Record<string, Workflow>).map(([name, wf]) => [name, { ...wf, transitions: wf.transitions.flat() }] as const);
const ACTIONS = ['submit', 'validate', 'approve', 'reject', 'reopen', 'report', 'acknowledge', 'settle'];

// Who plays each role: the agent and the head belong to "accueil"; "other" is "scolaire".
const players = [
  { role: 'public', email: null, head: false },
  { role: 'authenticated', email: 'sans.role@demo.local', head: false },
  { role: 'agent', email: 'agent.accueil@demo.local', head: false },
  { role: 'chef-de-service', email: 'chef.accueil@demo.local', head: true },
  { role: 'referent-qualite', email: 'qualite@demo.local', head: false },
  { role: 'dgs', email: 'dgs@demo.local', head: false },
  { role: 'auditeur', email: 'auditeur@demo.local', head: false },
];

function expectedStatus(wf: Workflow, role: string, action: string, state: string, own: boolean, isHead: boolean, isAuthor: boolean): number {
  if (role === 'public') return 401;
  const forRole = wf.transitions.filter((t) => t.action === action && role in t.by);
  if (!forRole.length) return 403;
  // The service is checked before the state (a 409 would tell an outsider where the document stands).
  const reachable = (t: Transition) =>
    t.by[role] === 'any' || (t.by[role] === 'author' ? isAuthor : own && (t.by[role] === 'member' || isHead));
  const inReach = forRole.filter(reachable);
  if (!inReach.length) return 403;
  const here = inReach.find((t) => t.from === state);
  // An action taken only together (the charter's approval, `decisions:`) is refused on one document.
  return here && !here.together ? 200 : 409;
}

let app: Core.Strapi;
let ids: Awaited<ReturnType<typeof demoIds>>;
const tokens: Record<string, string> = {};

beforeAll(async () => {
  app = await startStrapi();
  ids = await demoIds(app);
  const authenticated = await app.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  if (!(await app.db.query('plugin::users-permissions.user').findOne({ where: { email: 'sans.role@demo.local' } }))) {
    await app.plugin('users-permissions').service('user').add({
      username: 'sans.role', email: 'sans.role@demo.local', password: 'Charte-Accueil-2026', provider: 'local', confirmed: true, role: authenticated.id,
    });
  }
  for (const p of players) if (p.email) tokens[p.role] = await login(app, p.email);
});
afterAll(() => stopStrapi(app));

describe.each(workflows)('permission matrix of %s', (_name, wf) => {
  it.each(players)('is exact for $role', async (player) => {
    const mismatches: string[] = [];
    let checked = 0;
    for (const state of wf.states) {
      for (const own of wf.serviceBound ? [true, false] : [true]) {
        // Each call meets a document in `state`: a new one, or the last one when the call before left
        // it there (a refused call changes nothing: its final state is checked below, and a document
        // that moved, allowed or not, is never used again).
        let doc: { documentId: string } | undefined;
        for (const action of ACTIONS) {
          doc ??= await documentIn(app, wf.uid, state, {
            serviceId: own ? ids.accueil.id : ids.scolaire.id,
            // An audit finding is written by the auditor; the other documents by the accueil agent.
            authorId: wf.uid === 'api::audit-finding.audit-finding' ? ids.auditor.id : ids.agent.id,
            campaignId: ids.campaign.id,
            criterionId: ids.criterion.id,
          });
          const req = http(app).post(`/api/workflow/${wf.collection}/${doc.documentId}/transitions`);
          const res = await (tokens[player.role] ? req.set('Authorization', `Bearer ${tokens[player.role]}`) : req).send({
            action,
            comment: 'Commentaire de la matrice',
          });
          const author = (await app.db.query(wf.uid as never).findOne({ where: { documentId: doc.documentId }, populate: { author: { select: ['email'] } } })) as { author?: { email: string } | null };
          const expected = expectedStatus(wf, player.role, action, state, own, player.head, !!player.email && author.author?.email === player.email);
          checked += 1;
          if (res.status !== expected) mismatches.push(`${action} depuis ${state} (${own ? 'son service' : 'autre service'}) : ${res.status} au lieu de ${expected}`);
          const after = (await app.db.query(wf.uid as never).findOne({ where: { documentId: doc.documentId } })).workflowState;
          const moved = wf.transitions.find((t) => t.action === action && t.from === state)?.to;
          if (after !== (res.status === 200 ? moved : state)) mismatches.push(`${action} depuis ${state} : état final ${after}`);
          if (after !== state) doc = undefined;
        }
      }
    }
    expect(checked).toBe(wf.states.length * ACTIONS.length * (wf.serviceBound ? 2 : 1));
    expect(mismatches).toEqual([]);
  });
});
