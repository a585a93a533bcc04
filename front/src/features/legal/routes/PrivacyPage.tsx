import type { LegalTreatment } from '@charte/contract';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useLegalNotice } from '../../../lib/legal';
import { DemoBanner } from '../components/DemoBanner';

function Treatment({ treatment, backupRetention }: { treatment: LegalTreatment; backupRetention: string }) {
  return (
    <article className="panel">
      <h3>{treatment.title}</h3>
      <p className="muted">{treatment.form}</p>
      <dl className="details">
        <div>
          <dt>Pourquoi</dt>
          <dd>
            <ul>
              {treatment.purposes.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Quelles informations</dt>
          <dd>
            <ul>
              {treatment.data.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Base légale</dt>
          <dd>{treatment.legalBasis}</dd>
        </div>
        <div>
          <dt>Qui les lit</dt>
          <dd>
            <ul>
              {treatment.recipients.map((line) => (
                <li key={line}>{line}</li>
              ))}
            </ul>
          </dd>
        </div>
        <div>
          <dt>Combien de temps</dt>
          <dd>
            {treatment.retention} {backupRetention}
          </dd>
        </div>
      </dl>
    </article>
  );
}

/** « Politique de confidentialité » (/confidentialite): the RGPD information of config/legal.yaml. */
export default function PrivacyPage() {
  const legal = useLegalNotice();
  const data = legal.data;
  return (
    <section aria-labelledby="confidentialite-titre" className="legal">
      <h1 id="confidentialite-titre" tabIndex={-1}>
        Politique de confidentialité
      </h1>
      {legal.isPending && <Loading />}
      {legal.isError && <ErrorMessage error={legal.error} />}
      {data && (
        <>
          {data.demo && <DemoBanner />}
          <h2>Responsable des traitements</h2>
          <address>
            {data.controller.name}
            <br />
            {data.controller.address}
          </address>
          <h2>Délégué à la protection des données</h2>
          <address>
            {data.dpo.name}
            <br />
            Courriel : <a href={`mailto:${data.dpo.email}`}>{data.dpo.email}</a>
            <br />
            Courrier : {data.dpo.address}
          </address>
          <h2>Les informations que nous recueillons</h2>
          {Object.entries(data.treatments).map(([key, treatment]) => (
            <Treatment key={key} treatment={treatment} backupRetention={data.backupRetention} />
          ))}
          <h2>Vos droits</h2>
          <ul>
            {data.rights.map((line) => (
              <li key={line}>{line}</li>
            ))}
          </ul>
          <h2>Comment les exercer</h2>
          <p>{data.exerciseRights}</p>
          <p>
            Contact : <a href={`mailto:${data.dpo.email}`}>{data.dpo.email}</a> — {data.dpo.address}.
          </p>
          <h2>Réclamation auprès de la CNIL</h2>
          <p>{data.cnil}</p>
        </>
      )}
    </section>
  );
}
