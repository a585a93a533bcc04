import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';
import * as french from '@zxcvbn-ts/language-fr';
import { securityConfig } from './security-config';

let estimator: ZxcvbnFactory | undefined;

/** The dictionaries weigh a few megabytes: loaded at the first password checked, not at boot. */
function strength(): ZxcvbnFactory {
  estimator ??= new ZxcvbnFactory({
    dictionary: { ...common.dictionary, ...french.dictionary },
    graphs: common.adjacencyGraphs,
    translations: french.translations,
  });
  return estimator;
}

/**
 * Why `password` is refused for an account (French, shown as is to the person typing it), or null
 * when it is acceptable. `personal` are the account's own words (e-mail, names): a password built
 * from them is guessed first.
 */
export function passwordProblem(password: unknown, personal: (string | undefined | null)[] = []): string | null {
  const { minLength, minScore } = securityConfig().password;
  if (typeof password !== 'string' || password.length === 0) return 'Le mot de passe est obligatoire.';
  if (password.length < minLength) return `Mot de passe trop court : au moins ${minLength} caractères (ici ${password.length}).`;
  if (password.length > 128) return 'Mot de passe trop long : 128 caractères au plus.';
  const words = personal.filter((w): w is string => typeof w === 'string' && w.length > 0).flatMap((w) => [w, ...w.split(/[@.\s_-]+/)]);
  const result = strength().check(password, words.filter((w) => w.length >= 3));
  if (result.score >= minScore) return null;
  const why = [result.feedback.warning, ...result.feedback.suggestions].filter(Boolean).join(' ');
  const reason = words.some((w) => w.length >= 3 && password.toLowerCase().includes(w.toLowerCase()))
    ? 'il reprend votre nom ou votre adresse e-mail'
    : 'trop courant ou trop facile à deviner';
  return `Mot de passe refusé : ${reason}.${why ? ` ${why}` : ''} Choisissez par exemple trois ou quatre mots sans rapport, séparés par des tirets.`;
}
