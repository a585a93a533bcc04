/** The workflow's vocabulary: how a caller must relate to a document's service, and the actions. */
export const SCOPES = ['any', 'member', 'head'] as const;
export const ACTIONS = ['submit', 'validate', 'approve', 'reject', 'reopen'] as const;
