/**
 * Importing this module registers every scheduled job's code (each feature calls
 * registerScheduledJob at load). One import line per feature.
 */
export {};
