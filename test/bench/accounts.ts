import type pg from 'pg';

export const PASSWORD = process.env.BENCH_PASSWORD ?? 'Charte-Accueil-2026';

/** Logs a users-permissions account in (POST /api/auth/local) and returns its JWT. */
export async function login(baseUrl: string, email: string, password = PASSWORD): Promise<string> {
  const res = await fetch(`${baseUrl}/api/auth/local`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identifier: email, password }),
  });
  const body = (await res.json()) as { jwt?: string };
  if (!res.ok || !body.jwt) throw new Error(`Connexion impossible pour ${email} : ${res.status} ${JSON.stringify(body)}`);
  return body.jwt;
}

/** Logs an admin-panel account in (POST /admin/login) and returns its admin JWT. */
export async function adminLogin(baseUrl: string, email: string, password: string): Promise<string> {
  const res = await fetch(`${baseUrl}/admin/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email, password }) });
  const body = (await res.json()) as { data?: { token?: string } };
  if (!res.ok || !body.data?.token) throw new Error(`Connexion à l’administration impossible pour ${email} : ${res.status}`);
  return body.data.token;
}

/** The first confirmed, unblocked account of a users-permissions role (by its type), whatever the dataset. */
export async function userOfRole(sql: pg.Client, roleType: string): Promise<string> {
  const { rows } = await sql.query(
    `select u.email from up_users u
       join up_users_role_lnk l on l.user_id = u.id
       join up_roles r on r.id = l.role_id
      where r.type = $1 and coalesce(u.blocked, false) = false
      order by u.id limit 1`,
    [roleType],
  );
  if (!rows.length) throw new Error(`Aucun compte de rôle « ${roleType} » dans la base.`);
  return rows[0].email as string;
}

export const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

export async function getJson<T>(url: string, token: string): Promise<T> {
  const res = await fetch(url, { headers: bearer(token) });
  if (!res.ok) throw new Error(`GET ${url} : ${res.status} ${(await res.text()).slice(0, 300)}`);
  return (await res.json()) as T;
}
