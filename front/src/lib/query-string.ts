/** A query string from the filters that are set (« ?a=1&b=2 », or nothing). */
export function queryString(params: Record<string, string | undefined>): string {
  // toString(), not size: jsdom's URLSearchParams (front tests) has no size.
  const search = new URLSearchParams(Object.entries(params).filter((e): e is [string, string] => Boolean(e[1]))).toString();
  return search ? `?${search}` : '';
}
