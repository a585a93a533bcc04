/**
 * The API paths of a service page, kept free of React so that the benchmark (test/bench)
 * measures exactly what the page asks for. Each is a dedicated SQL route: the generic REST lists
 * spent most of their time sanitising their output (≈ 10 to 15 ms of server time per call).
 */
const params = (entries: [string, string][]) => new URLSearchParams(entries);

/**
 * One service's evaluations in a campaign with their criterion and theme: a dedicated SQL route
 * (the generic REST list with populate cost ≈ 60 ms of server CPU for 200 rows).
 */
export function serviceEvaluationsPath(service: string, campaign: string) {
  return `/api/progress/evaluations?${params([
    ['service', service],
    ['campaign', campaign],
  ])}`;
}

/** One service's interviews, newest first, without their notes: a dedicated SQL route, like the evaluations. */
export function serviceInterviewsPath(service: string) {
  return `/api/progress/interviews?${params([['service', service]])}`;
}

/** One service's roadmap actions by due date: the roadmap's own SQL route, filtered on the service. */
export function serviceActionsPath(service: string) {
  return `/api/roadmap?${params([
    ['groupBy', 'service'],
    ['service', service],
  ])}`;
}
