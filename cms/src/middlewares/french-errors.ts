import type { Context, Next } from 'koa';
import { errors } from '@strapi/utils';
import { HttpError } from '../platform/http/http-error';

/**
 * Every refusal the API sends is read by French staff or residents: Strapi's own messages (yup
 * validation, unknown keys, body parser, permissions) are put into French here, in one place, for
 * the content API and the charte-admin routes. Messages already in French pass unchanged.
 * It answers the application's own refusals (HttpError, thrown by any route) with their status and message.
 * It also answers the body parser's client errors (too large, unreadable JSON) itself, as 4xx,
 * since they come from a copy of http-errors that Strapi's error middleware does not recognise.
 */

// The content API, the plugin's routes, and the panel's own account routes (login, reset…), whose
// refusals the login page shows as they come.
const TRANSLATED_PATHS = /^\/(api|charte-admin)(\/|$)|^\/admin\/(login|register-admin|register|forgot-password|reset-password|renew-token|logout)$/;
// French typography or everyday French words: « Le nom de la campagne est obligatoire. » has no accent.
const FRENCH = /[àâçéèêëîïôûùœ’«»]|\b(le|la|les|de|des|du|une?|et|ou|est|sont|pas|doit|au|aux|pour|par|sur|dans|avec|sans|requête|champ|valeur|connexion|introuvable|inconnue?|invalide|obligatoire|trop|mot|passe|identifiant)\b/i;
const ENGLISH = /\b(the|is|are|must|be|should|not|field|key|keys|invalid|request|error|errors|found|forbidden|unauthorized|allowed|missing|required|too|large|entity|only|occurred)\b/i;

const BY_STATUS: Record<number, string> = {
  400: 'Requête invalide.',
  401: 'Connexion requise : identifiez-vous pour accéder à cette ressource.',
  403: 'Action non autorisée pour votre compte.',
  404: 'Ressource introuvable.',
  405: 'Méthode non autorisée pour cette adresse.',
  406: 'Aucun encodage acceptable : acceptez br, gzip ou identity (réponse non compressée).',
  409: 'Conflit : le document a changé entre-temps, rechargez-le.',
  413: 'Requête trop volumineuse : 1 Mo au maximum pour un envoi de données.',
  414: 'Adresse trop longue.',
  415: 'Type de contenu non pris en charge : envoyez du JSON.',
  422: 'Données refusées.',
  429: 'Trop de requêtes : réessayez dans quelques minutes.',
};

const field = (path: string) => `« ${path.replace(/^data\./, '')} »`;

/** Strapi's and yup's English messages, recognised by their wording, and their French version. */
const PATTERNS: [RegExp, (...groups: string[]) => string][] = [
  [/^Invalid key (.+)$/, (k) => `Champ inconnu : ${field(k)}.`],
  [/^Invalid (?:parameter|param) (.+)$/, (k) => `Paramètre inconnu : ${field(k)}.`],
  [/^Invalid relations?$/i, () => 'Relation invalide : un document lié n’existe pas ou ne peut pas être rattaché.'],
  [/^(.+?) must be a `(\w+)` type, but the final value was: .*$/s, (p, t) => `${field(p)} : valeur de type invalide (${TYPES[t] ?? t} attendu).`],
  [/^(.+?) must be one of the following values: (.+)$/, (p, v) => `${field(p)} : valeur non autorisée (valeurs possibles : ${v}).`],
  [/^(.+?) must be at most (\d+) characters$/, (p, n) => `${field(p)} : ${n} caractères au maximum.`],
  [/^(.+?) must be at least (\d+) characters$/, (p, n) => `${field(p)} : ${n} caractères au minimum.`],
  [/^(.+?) must be less than or equal to (.+)$/, (p, n) => `${field(p)} : la valeur doit être inférieure ou égale à ${n}.`],
  [/^(.+?) must be greater than or equal to (.+)$/, (p, n) => `${field(p)} : la valeur doit être supérieure ou égale à ${n}.`],
  [/^(.+?) must have less than or equal to (\d+) items$/, (p, n) => `${field(p)} : ${n} éléments au maximum.`],
  [/^(.+?) (?:is a required field|must be defined|is required)$/, (p) => `${field(p)} est obligatoire.`],
  [/^(.+?) cannot be null$/, (p) => `${field(p)} ne peut pas être vide.`],
  [/^(.+?) must be a valid email$/, (p) => `${field(p)} : adresse électronique invalide.`],
  [/^(.+?) must be a (?:valid )?(?:date|datetime).*$/i, (p) => `${field(p)} : date invalide.`],
  [/^(.+?) must be an? (?:integer|number).*$/, (p) => `${field(p)} : nombre attendu.`],
  [/^(.+?) (?:field )?must be unique$|^This attribute must be unique$/, (p) => `${field(p ?? 'valeur')} : cette valeur est déjà utilisée.`],
  [/^(\d+) errors occurred$/, (n) => `${n} champs sont à corriger.`],
  [/^Document with id "(.+?)".* not found$/, (id) => `Document lié introuvable : « ${id} ».`],
  [/^(?:Invalid identifier or password|Invalid credentials)$/, () => 'Identifiant ou mot de passe incorrect.'],
  [/^Incorrect code provided$/, () => 'Code de réinitialisation incorrect ou expiré.'],
  [/^Passwords do not match$/, () => 'Les deux mots de passe ne correspondent pas.'],
  [/^(?:Missing or invalid credentials|Unauthorized)$/, () => BY_STATUS[401]],
  [/^Forbidden$/, () => BY_STATUS[403]],
  [/^Not Found$/, () => BY_STATUS[404]],
  [/^(?:request entity too large|Payload Too Large|FileTooBig)$/i, () => BY_STATUS[413]],
  [/^(?:Invalid JSON|Unexpected token|.*JSON)/i, () => 'Corps de requête illisible : JSON invalide.'],
  [/^Too many requests/i, () => BY_STATUS[429]],
];

const TYPES: Record<string, string> = { string: 'texte', number: 'nombre', boolean: 'booléen', date: 'date', object: 'objet', array: 'liste', mixed: 'valeur' };

/** French typography, and no English wording outside the quoted names (« value » is a field). */
export function isFrenchMessage(message: string): boolean {
  const unquoted = message.replace(/«[^»]*»/g, '');
  return FRENCH.test(message) && !ENGLISH.test(unquoted);
}

export function frenchMessage(message: unknown, status: number): string {
  const text = typeof message === 'string' ? message : '';
  if (text && isFrenchMessage(text)) return text;
  for (const [pattern, render] of PATTERNS) {
    const match = pattern.exec(text);
    if (match) return render(...match.slice(1));
  }
  return BY_STATUS[status] ?? (status >= 500 ? 'Erreur interne : l’opération n’a pas été effectuée.' : 'Requête refusée.');
}

interface ErrorBody {
  error: { status?: number; message?: unknown; details?: unknown };
}

/** The status Strapi's error middleware gives each application error (the rest are 400). */
const STATUS_OF: Record<string, number> = { UnauthorizedError: 401, ForbiddenError: 403, PolicyError: 403, NotFoundError: 404, PayloadTooLargeError: 413, RateLimitError: 429 };

/** Puts the message and each field's message (details.errors, yup's list) into French, in place. */
function translate(target: { message?: unknown; details?: unknown }, status: number) {
  const detailErrors = (target.details as { errors?: { message?: unknown }[] } | undefined)?.errors;
  if (Array.isArray(detailErrors)) {
    for (const e of detailErrors) if (e && typeof e === 'object') e.message = frenchMessage(e.message, status);
  }
  const summary = frenchMessage(target.message, status);
  // « 2 champs sont à corriger. » says little on its own: the first field's reason goes with it.
  const first = Array.isArray(detailErrors) && detailErrors.length > 1 ? detailErrors[0]?.message : undefined;
  target.message = first && /champs sont à corriger/.test(summary) ? `${summary} ${first}` : summary;
}

/** Status of an error thrown by a body parser or a router (http-errors, any copy), if it is a client error. */
function clientStatus(error: unknown): number | undefined {
  if (error instanceof errors.ApplicationError) return undefined;
  const e = error as { status?: unknown; statusCode?: unknown; expose?: unknown };
  const status = typeof e?.status === 'number' ? e.status : typeof e?.statusCode === 'number' ? e.statusCode : undefined;
  return status !== undefined && status >= 400 && status < 500 ? status : undefined;
}

export default () => async (ctx: Context, next: Next) => {
  if (!TRANSLATED_PATHS.test(ctx.path)) return next();
  try {
    await next();
  } catch (error) {
    if (error instanceof HttpError) {
      ctx.status = error.status;
      ctx.body = { data: null, error: { status: error.status, name: error.name, message: frenchMessage(error.message, error.status), details: error.details } };
      return;
    }
    const status = clientStatus(error);
    if (status === undefined) {
      if (error instanceof errors.ApplicationError) translate(error, STATUS_OF[error.name] ?? 400);
      throw error;
    }
    ctx.status = status;
    ctx.body = { data: null, error: { status, name: (error as Error).name ?? 'Error', message: frenchMessage((error as Error).message, status), details: {} } };
    return;
  }
  if (!(ctx.response as unknown as { _explicitStatus?: boolean })._explicitStatus) {
    ctx.status = 404;
    ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: BY_STATUS[404], details: {} } };
    return;
  }
  const body = ctx.body as ErrorBody | undefined;
  if (ctx.status >= 400 && body && typeof body === 'object' && body.error && typeof body.error === 'object') translate(body.error, ctx.status);
};
