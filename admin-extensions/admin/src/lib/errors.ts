/**
 * The French message of a failed admin request. useFetchClient throws a FetchError whose response
 * carries Strapi's `{ error: { message, details } }`; network failures have no response.
 */
export function errorMessage(error: unknown): string {
  const response = (error as { response?: { data?: { error?: { message?: string } } } })?.response;
  const message = response?.data?.error?.message;
  if (message) return message;
  if ((error as { status?: number })?.status === 403) return 'Vous n’avez pas le droit d’effectuer cette opération.';
  return 'Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.';
}

export function errorDetails<T>(error: unknown): T | undefined {
  return (error as { response?: { data?: { error?: { details?: T } } } })?.response?.data?.error?.details;
}
