/**
 * The REST queries of a service page, kept free of React so that the benchmark (test/bench)
 * measures exactly what the page asks for.
 */
const params = (entries: [string, string][]) => new URLSearchParams(entries);

export function serviceEvaluationsQuery(service: string, campaign: string | undefined) {
  return params([
    ['filters[service][slug][$eq]', service],
    ['filters[campaign][documentId][$eq]', campaign ?? ''],
    ['fields[0]', 'result'],
    ['fields[1]', 'workflowState'],
    ['fields[2]', 'findings'],
    ['populate[criterion][fields][0]', 'code'],
    ['populate[criterion][fields][1]', 'title'],
    ['populate[criterion][populate][theme][fields][0]', 'code'],
    ['populate[criterion][populate][theme][fields][1]', 'title'],
    ['populate[criterion][populate][theme][fields][2]', 'order'],
    ['pagination[pageSize]', '200'],
  ]);
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
