import type { Page } from 'playwright-core';
import { accessibilityViolations, baseUrl, DESKTOP, PASSWORD, PHONE, screenshot, usePage } from './browser';


const currentPage = usePage();
let page: Page;
beforeEach(() => {
  page = currentPage();
});

/** axe and a picture, at the desktop width and on a phone. */
async function checkBothSizes(name: string) {
  const found: string[] = [];
  for (const [size, viewport] of [['1280', DESKTOP], ['390', PHONE]] as const) {
    await page.setViewportSize(viewport);
    found.push(...(await accessibilityViolations(page)).map((v) => `${size} px : ${v}`));
    // Nothing wider than the phone's screen: no sideways scrolling.
    if (size === '390') expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(PHONE.width);
    await screenshot(page, `${name}-${size}`);
  }
  await page.setViewportSize(DESKTOP);
  expect(found).toEqual([]);
}

async function api(path: string, init: { method?: string; jwt?: string; body?: unknown } = {}) {
  const res = await fetch(`${baseUrl()}${path}`, {
    method: init.method ?? 'GET',
    headers: { 'Content-Type': 'application/json', ...(init.jwt ? { Authorization: `Bearer ${init.jwt}` } : {}) },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
  return { status: res.status, body: await res.json() };
}

describe('a citizen files a complaint and follows it', () => {
  it('gets a reference and a code, keeps the link, and sees the answer once the town has given it', async () => {
    await page.goto(`${baseUrl()}/reclamation`);
    await page.getByRole('heading', { name: 'Réclamation ou suggestion' }).waitFor();
    // The RGPD notice sits beside the fields, with the full policy one link away.
    await page.getByRole('heading', { name: 'Vos données personnelles' }).waitFor();
    await page.getByText('La commune de Démoville (ville de démonstration) utilise ces informations').waitFor();
    await checkBothSizes('40-reclamation-formulaire');

    const title = `Panneau d’affichage illisible ${Date.now()}`;
    await page.getByLabel('Une réclamation').check();
    await page.getByLabel('Objet *').fill(title);
    await page.getByLabel('Votre message *').fill('Le panneau des horaires devant la mairie est effacé par le soleil.');
    await page.getByLabel('Service concerné').selectOption({ label: 'Accueil / État civil' });
    await page.getByLabel('Votre adresse électronique').fill('habitant.e2e@exemple.fr');
    await page.getByRole('button', { name: 'Envoyer ma demande' }).click();

    await page.getByText('Votre demande a bien été enregistrée. Merci.').waitFor();
    const reference = /REC-\d{4}-\d+/.exec(await page.getByRole('status').filter({ hasText: 'Numéro de suivi' }).innerText())![0];
    const link = await page.getByLabel('Lien de suivi').inputValue();
    expect(link).toMatch(new RegExp(`/reclamation/suivi#reference=${reference}&code=[A-Za-z0-9_-]{24}$`));
    await page.getByText('Un accusé de réception vous est envoyé à l’adresse habitant.e2e@exemple.fr, avec le lien de suivi.').waitFor();
    await page.getByText(/Gardez ce lien ou ce code/).waitFor();
    await checkBothSizes('41-reclamation-confirmation');

    await page.getByRole('link', { name: 'Voir où en est ma demande' }).click();
    await page.getByRole('heading', { name: 'Suivre ma demande' }).waitFor();
    await page.getByRole('heading', { name: `Réclamation ${reference}` }).waitFor();
    await page.getByText('Transmise au service « Accueil / État civil ».').waitFor();
    await checkBothSizes('42-suivi-transmise');

    // The town answers (the register's form, here through the API).
    const { body: session } = await api('/api/auth/local', { method: 'POST', body: { identifier: 'qualite@demo.local', password: PASSWORD } });
    const register = await api('/api/complaints-register?state=all', { jwt: session.jwt });
    const row = register.body.data.find((r: { reference: string }) => r.reference === reference);
    const answered = await api(`/api/complaints/${row.documentId}`, {
      method: 'PUT',
      jwt: session.jwt,
      body: { data: { answeredAt: row.receivedAt, outcome: 'Le panneau a été remplacé ; merci de nous l’avoir signalé.' } },
    });
    expect(answered.status).toBe(200);

    // A new visit with the kept link, in a fresh tab.
    const tab = await page.context().newPage();
    await tab.goto(link);
    await tab.getByText(/Réponse envoyée le/).waitFor();
    await tab.getByText('Le panneau a été remplacé ; merci de nous l’avoir signalé.').waitFor();
    await tab.close();
    await page.reload();
    await page.getByRole('heading', { name: 'Suite donnée à votre demande' }).waitFor();
    await checkBothSizes('43-suivi-repondue');

    // A wrong code learns nothing: the same answer as an unknown number.
    await page.goto(`${baseUrl()}/reclamation/suivi`);
    await page.getByLabel('Numéro de la demande').fill(reference);
    await page.getByLabel('Code de suivi').fill('ce-code-est-faux');
    await page.getByRole('button', { name: 'Voir où en est ma demande' }).click();
    const refusal = page.getByRole('alert');
    await refusal.waitFor();
    expect(await refusal.innerText()).toBe('Aucune demande ne correspond à ce numéro et à ce code de suivi. Vérifiez-les dans votre accusé de réception ou sur l’écran de confirmation.');
    await checkBothSizes('44-suivi-introuvable');
  });
});

describe('legal pages', () => {
  it('are linked from the footer of every page and pass axe on desktop and phone', async () => {
    await page.goto(`${baseUrl()}/charte`);
    const footer = page.getByRole('navigation', { name: 'Informations légales' });
    await footer.getByRole('link', { name: 'Mentions légales' }).click();
    await page.getByRole('heading', { name: 'Mentions légales' }).waitFor();
    await page.getByRole('heading', { name: 'Hébergeur' }).waitFor();
    await page.getByText(/Ville de démonstration :/).waitFor();
    await checkBothSizes('45-mentions-legales');

    await footer.getByRole('link', { name: 'Données personnelles' }).click();
    await page.getByRole('heading', { name: 'Politique de confidentialité' }).waitFor();
    await page.getByRole('heading', { name: 'Réclamation auprès de la CNIL' }).waitFor();
    await page.getByText(/sont gardées au plus 12 mois/).first().waitFor();
    await checkBothSizes('46-confidentialite');
  });
});
