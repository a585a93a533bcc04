import type { AccessibilityPlan, AccessibilityStatement } from '@charte/contract';
import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { CONFORMITY_WORDS, useAccessibilityStatement } from '../../../lib/accessibility';
import { formatDate, formatRate } from '../../../lib/format';

const STATUS_WORDS: Record<AccessibilityPlan['actions'][number]['status'], string> = {
  prevue: 'prévue',
  'en-cours': 'en cours',
  realisee: 'réalisée',
  reportee: 'reportée',
};

/** A list, or the sentence that says it is empty. */
function Items({ items, none }: { items: string[]; none: string }) {
  return items.length ? (
    <ul>
      {items.map((item) => (
        <li key={item}>{item}</li>
      ))}
    </ul>
  ) : (
    <p>{none}</p>
  );
}

function Plan({ plan, statement }: { plan: AccessibilityPlan; statement: AccessibilityStatement }) {
  const previous = plan.year - 1;
  return (
    <>
      <ul className="plan-actions">
        {plan.actions.map((action) => (
          <li key={action.title}>
            {action.title} — <span className={`plan-status ${action.status}`}>{STATUS_WORDS[action.status]}</span>
          </li>
        ))}
      </ul>
      {plan.year > statement.schema.from && (
        <>
          <h3>Bilan du plan {previous}</h3>
          <Items items={plan.review} none={`Le bilan du plan ${previous} n’est pas encore publié.`} />
        </>
      )}
    </>
  );
}

/**
 * « Accessibilité » (/accessibilite): the accessibility statement in the sections of the official
 * template (arrêté du 20 septembre 2019, RGAA), then the schéma pluriannuel and the yearly plans, all
 * from config/accessibility.yaml.
 */
export default function AccessibilityPage() {
  const statement = useAccessibilityStatement();
  const s = statement.data;
  const current = s?.plans.find((plan) => plan.year === s.currentYear);
  const others = s?.plans.filter((plan) => plan !== current) ?? [];
  return (
    <section aria-labelledby="accessibilite-titre" className="legal accessibility">
      <h1 id="accessibilite-titre" tabIndex={-1}>
        Accessibilité
      </h1>
      {statement.isPending && <Loading />}
      {statement.isError && <ErrorMessage error={statement.error} />}
      {s && (
        <>
          {s.demo && (
            <p className="notice demo-banner">
              <strong>Ville de démonstration :</strong> la commune et ses contacts sont fictifs ; elle les remplace par les siens avant la mise en ligne
              (fichier config/accessibility.yaml).
            </p>
          )}
          <h2>Déclaration d’accessibilité</h2>
          <p>
            {s.entity} s’engage à rendre son service en ligne accessible conformément à l’article 47 de la loi n° 2005-102 du 11 février 2005.
          </p>
          <p>
            À cette fin, elle met en œuvre la stratégie et les actions suivantes : le <a href="#schema">schéma pluriannuel {s.schema.from}–{s.schema.to}</a>{' '}
            et le <a href="#plan">plan d’actions {s.currentYear}</a>
            {s.currentYear > s.schema.from && `, qui comprend le bilan des actions de ${s.currentYear - 1}`}.
          </p>
          <p>Cette déclaration d’accessibilité s’applique au site {s.service}.</p>

          <h2>État de conformité</h2>
          <p>
            Ce service en ligne est <strong>{CONFORMITY_WORDS[s.conformity]}</strong> avec le référentiel général d’amélioration de l’accessibilité
            (RGAA){s.audit && `, version ${s.audit.rgaaVersion}`}.
            {s.conformityReason && ` ${s.conformityReason}`}
          </p>
          <h3>Résultats des tests</h3>
          {s.audit ? (
            <>
              <p>L’audit de conformité réalisé {s.audit.auditor} le {formatDate(s.audit.date)} révèle que :</p>
              <ul>
                <li>{formatRate(s.audit.rate)} des critères du RGAA sont respectés ;</li>
                {s.audit.averageRate !== null && <li>le taux moyen de conformité du service en ligne s’élève à {formatRate(s.audit.averageRate)}.</li>}
              </ul>
              {s.audit.reportUrl && (
                <p>
                  <a href={s.audit.reportUrl}>Lire le rapport d’audit</a>
                </p>
              )}
            </>
          ) : (
            <p>Sans audit, il n’y a pas encore de taux de critères du RGAA respectés à publier.</p>
          )}
          {s.automatedChecks.length > 0 && (
            <>
              <p>
                Des vérifications automatiques ont été faites. Un outil automatique ne contrôle qu’une partie des critères du RGAA : ces résultats ne
                remplacent pas un audit.
              </p>
              <ul>
                {s.automatedChecks.map((check) => (
                  <li key={check.tool}>
                    {formatDate(check.date)}, {check.tool} — {check.pages} : {check.result}.
                  </li>
                ))}
              </ul>
            </>
          )}

          <h2>Contenus non accessibles</h2>
          <p>Les contenus listés ci-dessous ne sont pas accessibles pour les raisons suivantes.</p>
          <h3>Non-conformité</h3>
          <Items
            items={[...(s.audit?.nonConformities ?? []), ...s.knownIssues]}
            none={s.audit ? 'L’audit n’a relevé aucune non-conformité.' : 'Aucune non-conformité n’est connue à ce jour ; seul un audit permettra de le confirmer.'}
          />
          <h3>Dérogations pour charge disproportionnée</h3>
          {s.audit?.derogations.length ? (
            <ul>
              {s.audit.derogations.map((d) => (
                <li key={d.content}>
                  {d.content} : {d.reason}
                  {d.alternative && ` Alternative : ${d.alternative}`}
                </li>
              ))}
            </ul>
          ) : (
            <p>Aucune dérogation n’est invoquée.</p>
          )}
          <h3>Contenus non soumis à l’obligation d’accessibilité</h3>
          <Items items={s.exemptions} none="Aucun contenu de ce site n’est exempté." />

          <h2>Établissement de cette déclaration d’accessibilité</h2>
          <p>
            Cette déclaration a été établie le {formatDate(s.establishedOn)}.{s.updatedOn && ` Elle a été mise à jour le ${formatDate(s.updatedOn)}.`}
          </p>
          <h3>Technologies utilisées pour la réalisation du site</h3>
          <ul>
            {s.technologies.map((t) => (
              <li key={t}>{t}</li>
            ))}
          </ul>
          <h3>Environnement de test</h3>
          <p>Agents utilisateurs, technologies d’assistance et outils utilisés pour vérifier l’accessibilité :</p>
          <Items
            items={s.audit?.environment ?? [...new Set(s.automatedChecks.map((c) => c.environment))]}
            none="Aucun environnement de test n’est encore déclaré."
          />
          <h3>Outils utilisés lors de l’évaluation</h3>
          <Items items={s.audit?.tools ?? s.automatedChecks.map((c) => c.tool)} none="Aucun outil n’est encore déclaré." />
          <h3>Pages du site ayant fait l’objet de la vérification de conformité</h3>
          <Items items={s.audit?.pages ?? s.automatedChecks.map((c) => c.pages)} none="Aucune page n’a encore été vérifiée." />

          <h2 id="contact">Retour d’information et contact</h2>
          <p>
            Si vous n’arrivez pas à accéder à un contenu ou à un service, vous pouvez contacter le responsable du site pour être orienté vers une
            alternative accessible ou obtenir le contenu sous une autre forme.
          </p>
          <p>
            <Link className="button primary" to="/reclamation?nature=accessibilite">
              Signaler un problème d’accessibilité
            </Link>
          </p>
          <p>
            Votre signalement est enregistré avec un numéro et un code de suivi ; vous recevez un accusé de réception si vous donnez votre adresse
            électronique, et une réponse sous 7 jours. Vous pouvez aussi :
          </p>
          <ul>
            <li>
              écrire à <a href={`mailto:${s.contact.email}`}>{s.contact.email}</a>
            </li>
            <li>écrire par courrier : {s.contact.postalAddress}</li>
            {s.contact.phone && <li>téléphoner au {s.contact.phone}</li>}
            <li>
              voir les <Link to="/mentions-legales">coordonnées de la commune</Link>
            </li>
          </ul>

          <h2>Voies de recours</h2>
          <p>Cette procédure est à utiliser dans le cas suivant.</p>
          <p>
            Vous avez signalé au responsable du site un défaut d’accessibilité qui vous empêche d’accéder à un contenu ou à un des services, et vous
            n’avez pas obtenu de réponse satisfaisante. Vous pouvez alors saisir le Défenseur des droits :
          </p>
          <ul>
            <li>
              <a href="https://www.defenseurdesdroits.fr/nous-contacter-355">écrire un message au Défenseur des droits</a> ;
            </li>
            <li>
              <a href="https://www.defenseurdesdroits.fr/carte-des-delegues">contacter le délégué du Défenseur des droits près de chez vous</a> ;
            </li>
            <li>
              envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.
            </li>
          </ul>

          <h2 id="schema">
            Schéma pluriannuel de mise en accessibilité {s.schema.from}–{s.schema.to}
          </h2>
          {s.schema.sections.map((section) => (
            <div key={section.title}>
              <h3>{section.title}</h3>
              <p>{section.text}</p>
            </div>
          ))}

          <h2 id="plan">Plan d’actions {s.currentYear}</h2>
          {current ? <Plan plan={current} statement={s} /> : <p>Aucun plan d’actions n’est publié pour {s.currentYear}.</p>}
          {others.map((plan) => (
            <section key={plan.year} aria-labelledby={`plan-${plan.year}`}>
              <h2 id={`plan-${plan.year}`}>
                Plan d’actions {plan.year}
                {plan.year > s.currentYear ? ' (prévisionnel)' : ''}
              </h2>
              <Plan plan={plan} statement={s} />
            </section>
          ))}
        </>
      )}
    </section>
  );
}
