import { z } from 'zod';
import { readConfigFile } from '../platform/config/read-config';

const permissionSubject = z.string().regex(/^(api|plugin)::[a-z-]+\.[a-z-]+$/, 'sujet de permission invalide');

const roleSchema = z.object({
  name: z.string().min(1),
  description: z.string().min(1),
  readScope: z.enum(['none', 'own-services', 'all', 'audited-campaign']),
  permissions: z.record(permissionSubject, z.array(z.string().regex(/^[a-zA-Z]+$/)).min(1)),
  /** Filters imposed on every read of a type that is not bound to a service. */
  readFilters: z.record(permissionSubject, z.record(z.unknown())).optional(),
  /** Types of which the role updates and deletes only the documents it wrote (their author). */
  ownWrites: z.array(permissionSubject).default([]),
});

const rolesFileSchema = z
  .object({
    serviceScopedTypes: z.array(z.string().startsWith('api::')),
    interviewNotesReaders: z.array(z.string()),
    /** Roles that type in paper survey questionnaires, each within its readScope. */
    surveyPaperEntry: z.array(z.string()).default([]),
    roles: z.record(z.string().regex(/^[a-z-]+$/), roleSchema),
    /** Admin-panel roles (by code or name) → the workflow roles their users act as in the panel. */
    adminPanelRoles: z.record(z.string().min(1), z.array(z.string()).min(1)).default({}),
    /**
     * Service-bound types read blind (mystery tests): before one of `revealedIn`, a document is read
     * only by the account its `testerField` names and by the `planners`; then as any document of its
     * service (readScope).
     */
    blindTypes: z
      .record(
        permissionSubject,
        z.object({ testerField: z.string().regex(/^[a-zA-Z]+$/), revealedIn: z.array(z.string()).min(1), planners: z.array(z.string()) }).strict(),
      )
      .default({}),
  })
  .superRefine((file, ctx) => {
    for (const required of ['public', 'authenticated']) {
      if (!file.roles[required]) ctx.addIssue({ code: 'custom', path: ['roles'], message: `le rôle « ${required} » doit être déclaré` });
    }
    for (const [adminRole, workflowRoles] of Object.entries(file.adminPanelRoles)) {
      for (const role of workflowRoles) {
        if (!file.roles[role]) ctx.addIssue({ code: 'custom', path: ['adminPanelRoles', adminRole], message: `rôle inconnu « ${role} »` });
      }
    }
    for (const reader of file.interviewNotesReaders) {
      if (!file.roles[reader]) ctx.addIssue({ code: 'custom', path: ['interviewNotesReaders'], message: `rôle inconnu « ${reader} »` });
    }
    for (const [uid, blind] of Object.entries(file.blindTypes)) {
      if (!file.serviceScopedTypes.includes(uid)) ctx.addIssue({ code: 'custom', path: ['blindTypes', uid], message: 'le type doit aussi figurer dans serviceScopedTypes' });
      for (const role of blind.planners) {
        if (!file.roles[role]) ctx.addIssue({ code: 'custom', path: ['blindTypes', uid, 'planners'], message: `rôle inconnu « ${role} »` });
      }
    }
    for (const role of file.surveyPaperEntry) {
      if (!file.roles[role]) ctx.addIssue({ code: 'custom', path: ['surveyPaperEntry'], message: `rôle inconnu « ${role} »` });
      else if (file.roles[role].readScope === 'none') ctx.addIssue({ code: 'custom', path: ['surveyPaperEntry'], message: `le rôle « ${role} » ne lit aucun service` });
    }
  });

export type RolesConfig = z.infer<typeof rolesFileSchema>;

let cached: RolesConfig | undefined;
export function rolesConfig(): RolesConfig {
  cached ??= readConfigFile('roles.yaml', rolesFileSchema);
  return cached;
}
