import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useLegalNotice } from '../../../lib/legal';
import { DemoBanner } from '../components/DemoBanner';

/** « Mentions légales » (/mentions-legales): who publishes and hosts the site (config/legal.yaml). */
export default function LegalNoticePage() {
  const legal = useLegalNotice();
  return (
    <section aria-labelledby="mentions-titre" className="legal">
      <h1 id="mentions-titre" tabIndex={-1}>
        Mentions légales
      </h1>
      {legal.isPending && <Loading />}
      {legal.isError && <ErrorMessage error={legal.error} />}
      {legal.data && (
        <>
          {legal.data.demo && <DemoBanner />}
          <h2>Éditeur du site</h2>
          <address>
            {legal.data.publisher.name}
            <br />
            {legal.data.publisher.address}
            <br />
            Téléphone : {legal.data.publisher.phone}
            <br />
            Courriel : <a href={`mailto:${legal.data.publisher.email}`}>{legal.data.publisher.email}</a>
            <br />
            SIRET : {legal.data.publisher.siret}
          </address>
          <h2>Directeur ou directrice de la publication</h2>
          <p>{legal.data.publicationDirector}</p>
          <h2>Hébergeur</h2>
          <address>
            {legal.data.host.name}
            <br />
            {legal.data.host.address}
            <br />
            Téléphone : {legal.data.host.phone}
          </address>
          <h2>Données personnelles</h2>
          <p>
            Responsable des traitements : {legal.data.controller.name}. Ce que la commune fait des informations que vous lui confiez, et vos droits, sont
            décrits dans la <Link to="/confidentialite">politique de confidentialité</Link>.
          </p>
          <h2>Cookies et stockage local</h2>
          <p>{legal.data.cookies}</p>
          <h2>Réutilisation des contenus</h2>
          <p>{legal.data.intellectualProperty}</p>
        </>
      )}
    </section>
  );
}
