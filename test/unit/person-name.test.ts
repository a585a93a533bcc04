import { personName } from '../../cms/src/platform/people/person-name';

/** How the product names a person wherever it names one (histories, the charter, mails, the journal). */
describe('personName', () => {
  it('uses first and last names when the account has them', () => {
    expect(personName({ id: 3, firstname: 'Hélène', lastname: 'Marchand', username: 'dgs' })).toBe('Hélène Marchand');
    expect(personName({ firstname: '  Karim ', lastname: null, username: 'chef.accueil' })).toBe('Karim');
  });

  it('falls back on the login name, then the address, then the account number', () => {
    expect(personName({ firstname: ' ', lastname: '', username: 'chef.accueil', email: 'c@demo.local' })).toBe('chef.accueil');
    expect(personName({ username: null, email: 'c@demo.local' })).toBe('c@demo.local');
    expect(personName({ id: 12 }, 'administrateur')).toBe('administrateur 12');
  });
});
