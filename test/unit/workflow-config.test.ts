import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { loadWorkflows, resetWorkflowCache } from '../../cms/src/workflow/definitions';
import { missingContent, requirementsOf } from '../../cms/src/workflow/requirements';
import { decide } from '@charte/contract';
import { workflowLabels } from '../../cms/src/platform/config/labels';
import { fill } from '../../cms/src/platform/mail/templates';

const realConfig = path.join(__dirname, '..', '..', 'config');

/** A copy of config/ whose workflows.yaml is changed by `edit`. */
function configWith(edit: (file: Record<string, any>) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'config-'));
  for (const name of fs.readdirSync(realConfig)) fs.copyFileSync(path.join(realConfig, name), path.join(dir, name));
  const file = YAML.parse(fs.readFileSync(path.join(realConfig, 'workflows.yaml'), 'utf8'), { merge: true });
  edit(file);
  fs.writeFileSync(path.join(dir, 'workflows.yaml'), YAML.stringify(file, { aliasDuplicateObjects: false }));
  return dir;
}

function loadFrom(dir: string) {
  process.env.CHARTE_CONFIG_DIR = dir;
  resetWorkflowCache();
  try {
    return loadWorkflows();
  } finally {
    delete process.env.CHARTE_CONFIG_DIR;
    resetWorkflowCache();
  }
}

describe('config/workflows.yaml checks at boot', () => {
  it('accepts the shipped file', () => {
    expect(loadFrom(realConfig).list.map((w) => w.collection)).toEqual(['evaluations', 'interviews', 'roadmap-actions', 'charter-principles', 'measures', 'feedback-replies', 'mystery-tests', 'audit-findings']);
  });

  it.each([
    ['an unknown state', (f: any) => (f.workflows.evaluation.transitions[0].to = 'archived'), /état inconnu « archived »/],
    ['an unknown role', (f: any) => (f.workflows.evaluation.transitions[1].by = { maire: 'any' }), /rôle inconnu « maire »/],
    [
      'the same action twice from one state',
      (f: any) => f.workflows.interview.transitions.push({ ...f.workflows.interview.transitions[0] }),
      /action « submit » déclarée deux fois depuis l’état « draft »/,
    ],
    ['an unknown action', (f: any) => (f.workflows.evaluation.transitions[0].action = 'archive'), /action inconnue/],
    ['a service scope on a type without service', (f: any) => (f.workflows['charter-principle'].transitions[0].by = { 'referent-qualite': 'head' }), /portée « head » impossible/],
    // transitions[0] is the common circuit (`- *serviceTransitions`), [1] the follow-up.
    ['a follow-up of an unknown field', (f: any) => (f.workflows['roadmap-action'].transitions[1].updates = ['statut']), /champ « statut » inconnu de labels\.yaml/],
    ['a requirement on a field without label', (f: any) => (f.workflows.evaluation.requires = { submit: [{ field: 'resultat' }] }), /champ « resultat » sans libellé/],
    ['a requirement on a value without label', (f: any) => (f.workflows.evaluation.requires = { submit: [{ field: 'result', not: ['non-vu'] }] }), /valeur « non-vu » sans libellé/],
    ['a requirement for an action the workflow lacks', (f: any) => (f.workflows.measure.requires = { approve: [{ field: 'value' }] }), /action « approve » absente des transitions/],
    ['an inbox group without label', (f: any) => f.inbox.groups.push({ name: 'urgent', action: 'validate' }), /groupe « urgent » sans libellé dans labels\.yaml \(inboxGroups\)/],
    ['the same inbox group twice', (f: any) => f.inbox.groups.push({ ...f.inbox.groups[0] }), /groupe « to-validate » déclaré deux fois/],
    ['a batch action that asks a comment', (f: any) => (f.inbox.groups[0] = { name: 'to-validate', action: 'reject', batch: true }), /l’action « reject » demande un commentaire dans un circuit : elle ne peut pas se faire par lot/],
    [
      'an inbox action that no group claims',
      (f: any) => (f.inbox.groups = f.inbox.groups.filter((g: any) => g.name !== 'to-approve')),
      /workflows\.evaluation\.transitions\.2 : « approve » depuis « validated » \(dgs\) n’entre dans aucun groupe de inbox\.groups/,
    ],
    ['an action taken together that no decision takes', (f: any) => delete f.decisions, /aucune décision \(decisions\) ne prend l’action « approve »/],
    ['a decision on an action not declared together', (f: any) => (f.decisions['charter-approval'].action = 'reject'), /l’action « reject » du circuit « charter-principle » doit être déclarée together: true/],
    ['a decision on an unknown workflow', (f: any) => (f.decisions['charter-approval'].workflow = 'charte'), /circuit inconnu « charte »/],
    ['a decision with an unknown effect', (f: any) => (f.decisions['charter-approval'].effects = ['affichage']), /effet inconnu/],
    ['a misspelt requirement key', (f: any) => (f.workflows.evaluation.requires = { submit: [{ field: 'result', notIn: ['non-evalue'] }] }), /notIn/],
  ])('stops on %s with a message naming the file and the entry', (_label, edit, message) => {
    expect(() => loadFrom(configWith(edit))).toThrow(/config\/workflows\.yaml invalide/);
    expect(() => loadFrom(configWith(edit))).toThrow(message);
  });

  it('reads a type’s list that includes the common circuit, with its own follow-up action', () => {
    const wf = loadFrom(realConfig).list.find((w) => w.name === 'roadmap-action')!;
    expect(wf.transitions.map((t) => `${t.action}@${t.from}`)).toEqual(['submit@draft', 'validate@submitted', 'approve@validated', 'reject@submitted', 'reject@validated', 'reopen@approved', 'report@approved']);
    expect(wf.transitions.find((t) => t.action === 'report')).toMatchObject({ to: 'approved', updates: ['actionStatus', 'progress'], commentRequired: true, inbox: false });
  });

  it('lets a change of who validates be an edit of this file only', () => {
    // Who validates also sends back (« À traiter » puts a document in a group by the action it asks: see inbox.groups).
    const dir = configWith((f) => {
      f.workflows.evaluation.transitions[1].by = { 'referent-qualite': 'any' };
      f.workflows.evaluation.transitions[3].by = { 'referent-qualite': 'any' };
    });
    const wf = loadFrom(dir).list.find((w) => w.name === 'evaluation')!;
    expect(decide(wf, { state: 'submitted', role: 'referent-qualite', membership: 'none', action: 'validate' }, workflowLabels()).ok).toBe(true);
    expect(decide(wf, { state: 'submitted', role: 'chef-de-service', membership: 'head', action: 'validate' }, workflowLabels())).toMatchObject({ ok: false, status: 403 });
  });
});

describe('what an action requires of the content (requires:)', () => {
  const evaluation = () => loadFrom(realConfig).list.find((w) => w.name === 'evaluation')!;

  it('asks an evaluation to be positioned before it is submitted, and nothing more', () => {
    expect(evaluation().requires).toEqual({ submit: [{ field: 'result', not: ['non-evalue'] }] });
  });

  it('names in French what is missing', () => {
    const wf = evaluation();
    const rules = [...requirementsOf(wf, 'submit'), { field: 'findings', not: [] }];
    expect(missingContent(wf, rules, { result: 'non-evalue', findings: '  ' }).map((m) => m.message)).toEqual(['« Résultat » est encore « Non évalué »', '« Constats » est vide']);
    expect(missingContent(wf, rules, { result: 'partiel', findings: 'Vu' })).toEqual([]);
    expect(requirementsOf(wf, 'validate')).toEqual([]);
  });
});

describe('e-mail templates', () => {
  it('fills placeholders and drops a line left empty', () => {
    expect(fill('Bonjour {{who}},\n\n{{comment}}\n\nFin', { who: 'Karim', comment: '' })).toBe('Bonjour Karim,\n\nFin');
    expect(fill('« {{comment}} »', { comment: 'À revoir' })).toBe('« À revoir »');
  });
});
