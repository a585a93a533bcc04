/**
 * The REST queries of a service page, kept free of React so that the benchmark (test/bench)
 * measures exactly what the page asks for.
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

export function serviceInterviewsQuery(service: string) {
  return params([
    ['filters[service][slug][$eq]', service],
    ['fields[0]', 'date'],
    ['fields[1]', 'interviewees'],
    ['fields[2]', 'interviewer'],
    ['fields[3]', 'workflowState'],
    ['sort', 'date:desc'],
    ['pagination[pageSize]', '100'],
  ]);
}

export function serviceActionsQuery(service: string) {
  return params([
    ['filters[service][slug][$eq]', service],
    ['fields[0]', 'title'],
    ['fields[1]', 'owner'],
    ['fields[2]', 'dueDate'],
    ['fields[3]', 'status'],
    ['fields[4]', 'progress'],
    ['fields[5]', 'workflowState'],
    ['sort', 'dueDate:asc'],
    ['pagination[pageSize]', '200'],
  ]);
}
