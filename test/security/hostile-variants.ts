/**
 * Malformed variants of a valid call. Each breaks one thing; none may be accepted (2xx), crash the
 * server (5xx) or write anything.
 */
export interface Variant {
  name: string;
  /** Replaces the address of the valid call. */
  path?: string;
  /** Appended to the address (already encoded). */
  query?: string;
  /** Raw text sent as is, or a value sent as JSON; `undefined` sends no body. */
  raw?: string;
  json?: unknown;
  contentType?: string;
}

export interface Attribute {
  type: string;
  enum?: string[];
  relation?: string;
  target?: string;
}

type Data = Record<string, unknown>;

const MB = 1024 * 1024;
export const ONE_MB = 'é'.repeat(MB / 2 + 10);
export const TEN_MB = 'a'.repeat(10 * MB);
const DEEP = 10_000;
/** JSON nested 10,000 levels deep, written by hand (JSON.stringify of such a value would overflow the test's own stack). */
const deepJson = (inner: string) => `${'['.repeat(DEEP)}${inner}${']'.repeat(DEEP)}`;

/** Variants that need no knowledge of the body: transport, shape, query. */
export function genericVariants(base: unknown, wrap: (inner: unknown) => unknown = (x) => x): Variant[] {
  const text = JSON.stringify(base);
  return [
    { name: 'JSON invalide', raw: text.slice(0, Math.max(1, text.length - 2)), contentType: 'application/json' },
    { name: 'JSON tronqué à l’accolade', raw: '{"data": {', contentType: 'application/json' },
    { name: 'type de contenu texte', raw: text, contentType: 'text/plain' },
    { name: 'type de contenu XML', raw: `<data>${text}</data>`, contentType: 'application/xml' },
    { name: 'corps tableau', json: [base] },
    { name: 'corps chaîne', raw: '"texte"', contentType: 'application/json' },
    { name: 'corps null', raw: 'null', contentType: 'application/json' },
    { name: 'corps vide', raw: '', contentType: 'application/json' },
    { name: 'imbrication de 10 000 niveaux', raw: JSON.stringify(wrap('__DEEP__')).replace('"__DEEP__"', deepJson('1')), contentType: 'application/json' },
    { name: '__proto__', raw: JSON.stringify(wrap({ __marker__: 1 })).replace('"__marker__"', '"__proto__"').replace(':1', ':{"isAdmin":true}'), contentType: 'application/json' },
    { name: 'constructor.prototype', json: wrap({ constructor: { prototype: { isAdmin: true } } }) },
    { name: 'chaîne de 10 Mo', json: wrap(TEN_MB) },
  ];
}

/** Query attacks on a route whose query the content API reads (filters, populate): each must be refused. */
export function queryVariants(base: unknown): Variant[] {
  return [
    { name: 'filtre $where', json: base, query: 'filters[$where]=1%3D1' },
    { name: 'filtre sur le mot de passe', json: base, query: 'filters[password][$startsWith]=a' },
    { name: 'opérateur inconnu dans $or', json: base, query: 'filters[$or][0][id][$foo]=1' },
    { name: 'populate du mot de passe', json: base, query: 'populate[author][fields][0]=password' },
  ];
}

const firstOf = (attrs: Record<string, Attribute>, ...types: string[]) => Object.keys(attrs).find((k) => types.includes(attrs[k].type));

/** Variants that break one field of a content type's data, from its schema. */
export function dataVariants(data: Data, attrs: Record<string, Attribute>, foreignServiceId: string | null): Variant[] {
  const body = (d: Data) => ({ data: d });
  const text = firstOf(attrs, 'text', 'string', 'richtext') ?? 'title';
  const str = firstOf(attrs, 'string', 'email', 'uid') ?? text;
  const num = firstOf(attrs, 'integer', 'decimal', 'float', 'biginteger');
  const enumeration = Object.keys(attrs).find((k) => attrs[k].type === 'enumeration' && k !== 'workflowState');
  const date = firstOf(attrs, 'date', 'datetime');
  const relation = Object.keys(attrs).find((k) => attrs[k].type === 'relation' && k !== 'author' && !String(attrs[k].target).startsWith('plugin::'));
  const toMany = Object.keys(attrs).find((k) => attrs[k].type === 'relation' && /ToMany$/.test(String(attrs[k].relation)));
  const variants: Variant[] = [
    { name: 'data chaîne', json: { data: 'texte' } },
    { name: 'data null', json: { data: null } },
    { name: 'data tableau', json: { data: [data] } },
    { name: 'champ inconnu', json: body({ ...data, champInconnu: 'x' }) },
    { name: 'champ système id', json: body({ ...data, id: 1 }) },
    { name: 'champ système createdAt', json: body({ ...data, createdAt: '2000-01-01T00:00:00Z' }) },
    { name: `nombre dans « ${str} »`, json: body({ ...data, [str]: 12345 }) },
    { name: `opérateur dans « ${str} »`, json: body({ ...data, [str]: { $ne: null } }) },
    { name: `tableau dans « ${str} »`, json: body({ ...data, [str]: ['a', 'b'] }) },
    { name: `1 Mo dans « ${text} »`, json: body({ ...data, [text]: ONE_MB }) },
    { name: `10 Mo dans « ${text} »`, json: body({ ...data, [text]: TEN_MB }) },
    { name: `caractère nul dans « ${str} »`, json: body({ ...data, [str]: 'avant\u0000après' }) },
    { name: `demi-paire de substitution dans « ${str} »`, raw: JSON.stringify(body({ ...data, [str]: 'X' })).replace('"X"', '"a\\ud800b"'), contentType: 'application/json' },
    { name: `imbrication profonde dans « ${text} »`, raw: JSON.stringify(body({ ...data, [text]: '__DEEP__' })).replace('"__DEEP__"', deepJson('"x"')), contentType: 'application/json' },
    {
      name: '__proto__ dans data',
      raw: JSON.stringify(body({ ...data, __marker__: 1 })).replace('"__marker__":1', '"__proto__":{"isAdmin":true}'),
      contentType: 'application/json',
    },
    { name: 'constructor dans data', json: body({ ...data, constructor: { prototype: { isAdmin: true } } }) },
    { name: 'workflowState imposé', json: body({ ...data, workflowState: 'approved' }) },
  ];
  if (num) {
    variants.push({ name: `texte dans « ${num} »`, json: body({ ...data, [num]: 'beaucoup' }) });
    variants.push({ name: `nombre hors limites dans « ${num} »`, raw: JSON.stringify(body({ ...data, [num]: 0 })).replace(`"${num}":0`, `"${num}":1e400`), contentType: 'application/json' });
  }
  if (enumeration) variants.push({ name: `valeur inconnue de « ${enumeration} »`, json: body({ ...data, [enumeration]: 'valeur-inventee' }) });
  if (date) variants.push({ name: `date impossible dans « ${date} »`, json: body({ ...data, [date]: '2026-13-45' }) });
  if (relation) {
    variants.push({ name: `identifiant inexistant dans « ${relation} »`, json: body({ ...data, [relation]: 999999999 }) });
    variants.push({ name: `documentId inexistant dans « ${relation} »`, json: body({ ...data, [relation]: 'zzzzzzzzzzzzzzzzzzzzzzzz' }) });
    variants.push({ name: `identifiant négatif dans « ${relation} »`, json: body({ ...data, [relation]: -1 }) });
    variants.push({ name: `opérateur dans « ${relation} »`, json: body({ ...data, [relation]: { id: { $gt: 0 } } }) });
  }
  if (toMany) variants.push({ name: `10 000 identifiants dans « ${toMany} »`, json: body({ ...data, [toMany]: Array.from({ length: 10_000 }, (_, i) => i + 1_000_000) }) });
  if (foreignServiceId && 'service' in attrs) variants.push({ name: 'service d’un autre service', json: body({ ...data, service: foreignServiceId }) });
  return variants;
}

/** Variants that break one key of a custom route's body (any JSON object). */
export function keyVariants(base: Data): Variant[] {
  const keys = Object.keys(base);
  const variants: Variant[] = [
    { name: 'champ inconnu', json: { ...base, champInconnu: 'x' } },
    { name: 'objet vide', json: {} },
  ];
  for (const key of keys.slice(0, 3)) {
    variants.push({ name: `nombre dans « ${key} »`, json: { ...base, [key]: 12345 } });
    variants.push({ name: `opérateur dans « ${key} »`, json: { ...base, [key]: { $ne: null } } });
    variants.push({ name: `tableau dans « ${key} »`, json: { ...base, [key]: [base[key]] } });
    // Only where the value is a code (an action, a kind): elsewhere an invented text is still valid.
    if (typeof base[key] === 'string' && /^[a-z][a-z-]*$/.test(base[key] as string)) variants.push({ name: `valeur inventée dans « ${key} »`, json: { ...base, [key]: 'valeur-inventee' } });
  }
  const str = keys.find((k) => typeof base[k] === 'string');
  if (str) {
    variants.push({ name: `1 Mo dans « ${str} »`, json: { ...base, [str]: ONE_MB } });
    variants.push({ name: `caractère nul dans « ${str} »`, json: { ...base, [str]: `${base[str]}\u0000` } });
    variants.push({ name: `demi-paire de substitution dans « ${str} »`, raw: JSON.stringify({ ...base, [str]: 'X' }).replace('"X"', '"a\\ud800b"'), contentType: 'application/json' });
    variants.push({ name: `HTML dans « ${str} »`, json: { ...base, [str]: '<img src=x onerror=alert(1)>' } });
  }
  return variants;
}

/** Variants of a document address: ids that do not exist, are malformed or are not the caller's. */
export function pathVariants(template: string, foreignPath: string | null, lockedPath: string | null, json?: unknown): Variant[] {
  const at = (id: string) => template.replace('__ID__', id);
  const variants: Variant[] = [
    { name: 'identifiant inexistant', path: at('zzzzzzzzzzzzzzzzzzzzzzzz'), json },
    { name: 'identifiant 0', path: at('0'), json },
    { name: 'identifiant négatif', path: at('-1'), json },
    { name: 'injection SQL dans l’adresse', path: at(encodeURIComponent("' OR '1'='1")), json },
    { name: 'caractère nul dans l’adresse', path: at('abc%00'), json },
    { name: 'UTF-8 invalide dans l’adresse', path: at('%ED%A0%80'), json },
    { name: 'séquence % invalide', path: at('%E0%A4%A'), json },
    { name: 'identifiant de 5 000 caractères', path: at('a'.repeat(5000)), json },
    { name: 'remontée de dossier', path: at('..%2F..%2Fservices'), json },
    { name: 'identifiant objet', path: at('%7B%22%24ne%22%3Anull%7D'), json },
  ];
  if (foreignPath) variants.push({ name: 'document d’un autre service', path: foreignPath, json });
  if (lockedPath) variants.push({ name: 'document hors brouillon', path: lockedPath, json });
  return variants;
}
