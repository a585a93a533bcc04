/**
 * The one place that talks HTTP to the cms. Every call goes through TanStack Query hooks in the
 * features; errors come back as ApiError with the server's French message.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

const TOKEN_KEY = 'charte.jwt';
let onUnauthorized: (() => void) | undefined;

export const tokenStore = {
  get: () => localStorage.getItem(TOKEN_KEY),
  set: (token: string) => localStorage.setItem(TOKEN_KEY, token),
  clear: () => localStorage.removeItem(TOKEN_KEY),
};

/** Called when the server says the session is gone (expired or revoked token). */
export function setUnauthorizedHandler(handler: () => void) {
  onUnauthorized = handler;
}

const FALLBACK: Record<number, string> = {
  400: 'La demande est incorrecte.',
  401: 'Votre session a expiré : reconnectez-vous.',
  403: 'Vous n’avez pas le droit d’effectuer cette action.',
  404: 'Élément introuvable.',
  409: 'Cet élément a été modifié entre-temps.',
  413: 'Le fichier est trop volumineux.',
  500: 'Le serveur a rencontré une erreur. Réessayez ; si elle persiste, prévenez le référent qualité.',
};

/** Strapi's own generic messages are English; the user reads the French one of the same status. */
const GENERIC_ENGLISH = new Set(['Forbidden', 'Not Found', 'Unauthorized', 'Missing or invalid credentials', 'Internal Server Error', 'Bad Request']);

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const headers = new Headers(init.headers);
  const token = tokenStore.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set('Content-Type', 'application/json');
    body = JSON.stringify(init.json);
  }
  let response: Response;
  try {
    response = await fetch(path, { ...init, headers, body });
  } catch {
    throw new ApiError(0, 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.');
  }
  if (response.status === 204) return undefined as T;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    if (response.status === 401 && token) onUnauthorized?.();
    const message = payload?.error?.message;
    const readable = typeof message === 'string' && message && !GENERIC_ENGLISH.has(message);
    throw new ApiError(response.status, readable ? message : (FALLBACK[response.status] ?? 'Une erreur est survenue.'));
  }
  return payload as T;
}
/** A file download (export): the same session and French errors as `api`, the body as a Blob. */
export async function apiDownload(path: string): Promise<{ blob: Blob; filename: string | null }> {
  const headers = new Headers();
  const token = tokenStore.get();
  if (token) headers.set('Authorization', `Bearer ${token}`);
  let response: Response;
  try {
    response = await fetch(path, { headers });
  } catch {
    throw new ApiError(0, 'Le serveur ne répond pas. Vérifiez votre connexion et réessayez.');
  }
  if (!response.ok) {
    if (response.status === 401 && token) onUnauthorized?.();
    const message = (await response.json().catch(() => null))?.error?.message;
    const readable = typeof message === 'string' && message && !GENERIC_ENGLISH.has(message);
    throw new ApiError(response.status, readable ? message : (FALLBACK[response.status] ?? 'Une erreur est survenue.'));
  }
  const filename = /filename="([^"]+)"/.exec(response.headers.get('Content-Disposition') ?? '')?.[1] ?? null;
  return { blob: await response.blob(), filename };
}

/**
 * Downloads a file with the session's token and saves it under the server's name (else
 * `fallbackName`) through a temporary link: the browser's own download. Returns the name.
 */
export async function downloadFile(path: string, fallbackName: string): Promise<string> {
  const { blob, filename } = await apiDownload(path);
  const name = filename ?? fallbackName;
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}
