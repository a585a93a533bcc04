/**
 * The first segment of the query keys that one feature's change makes stale in another's cache.
 * Each feature keeps its own key factory built on these roots; a mutation elsewhere (a transition,
 * an edit) invalidates a root from here, without importing the feature that reads it.
 */
export const queryRoots = {
  /** Conformity and progress figures (dashboard, service page). */
  progress: ['progress'],
  /** The public charter and its versions: approving or reopening a principle may make a version. */
  charter: ['charter'],
  /** The roadmap's groups and counts: creating an action, editing it or reporting progress changes them. */
  roadmap: ['roadmap'],
} as const;
