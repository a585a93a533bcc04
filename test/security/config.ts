import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';

/** config/*.yaml read on their own, not through the app: the expectations come from the rules, not from the code under test. */
const read = (name: string) => YAML.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'config', name), 'utf8'), { merge: true });

export interface RoleRules {
  readScope: 'none' | 'own-services' | 'all' | 'audited-campaign';
  permissions: Record<string, string[]>;
  readFilters?: Record<string, Record<string, unknown>>;
  /** Types of which the role changes only the documents it wrote. */
  ownWrites?: string[];
}
export interface BlindRules { testerField: string; revealedIn: string[]; planners: string[] }
export const roles = read('roles.yaml') as {
  serviceScopedTypes: string[];
  interviewNotesReaders: string[];
  blindTypes?: Record<string, BlindRules>;
  roles: Record<string, RoleRules>;
};

interface WorkflowRules { uid: string; serviceBound: boolean; editableIn: string[]; states: string[] }
const workflowsFile = read('workflows.yaml') as { workflows: Record<string, WorkflowRules> };
export const workflowOf = (uid: string) => Object.values(workflowsFile.workflows).find((w) => w.uid === uid);

export const may = (role: string, uid: string, action: string) => (roles.roles[role]?.permissions[uid] ?? []).includes(action);

/** Who may do `action` on `uid`, the least privileged first. */
export function firstAllowed(uid: string, action: string): string | undefined {
  return ['public', 'authenticated', 'agent', 'chef-de-service', 'referent-qualite', 'dgs', 'auditeur'].find((r) => may(r, uid, action));
}
