import type { CharterVersion } from '@charte/contract';
import { Link, useParams } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { useSession } from '../../../lib/auth';
import { charterPdfPath, useCharterVersion, useCharterVersions, useCurrentCharter } from '../api/charter';
import './charter-print.css';

function Principles({ version }: { version: CharterVersion }) {
  if (!version.principles.length) return <p>Aucun principe n’était approuvé dans cette version.</p>;
  return (
    <ol className="principles">
      {version.principles.map((p, i) => (
        <li key={`${i}-${p.title}`}>
          <h2>{p.title}</h2>
          <p>{p.text}</p>
          {p.commitment && (
            <p className="commitment">
              <strong>Notre engagement :</strong> {p.commitment}
            </p>
          )}
        </li>
      ))}
    </ol>
  );
}

function OlderVersions({ shown }: { shown: number | undefined }) {
  const versions = useCharterVersions();
  const older = versions.data?.filter((v) => !v.current) ?? [];
  if (!older.length) return null;
  return (
    <nav aria-labelledby="versions-title" className="charter-versions no-print">
      <h2 id="versions-title">Versions précédentes</h2>
      <ul>
        {older.map((v) => (
          <li key={v.number}>
            {v.number === shown ? (
              <span aria-current="page">{v.label}</span>
            ) : (
              <Link to={`/charte/versions/${v.number}`}>{v.label}</Link>
            )}{' '}
            <span className="muted">
              ({v.principleCount} principe{v.principleCount > 1 ? 's' : ''})
            </span>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The public charter: the version in force, or an older one (/charte/versions/:number), dated and
 * credited to the DGS approval that made it; printable (print stylesheet) and downloadable as a PDF.
 */
export default function CharterPage() {
  const { number: asked } = useParams();
  const number = asked && /^[1-9][0-9]*$/.test(asked) ? Number(asked) : undefined;
  const current = useCurrentCharter();
  const older = useCharterVersion(number);
  const query = number !== undefined ? older : current;
  const version = number !== undefined ? older.data : current.data?.data;
  const session = useSession();
  useTitleFocus(!query.isPending);

  return (
    <article aria-labelledby="charter-title" className="charter">
      {current.data?.meta.town && <p className="charter-town">{current.data.meta.town}</p>}
      <h1 id="charter-title" tabIndex={-1}>
        Charte d’accueil du public
      </h1>
      {asked !== undefined && number === undefined && <p role="alert">Numéro de version invalide.</p>}
      {query.isPending && number !== undefined && <Loading />}
      {query.isError && <ErrorMessage error={query.error} />}
      {version && (
        <>
          <p className="charter-version">{version.label}</p>
          {!version.current && (
            <p className="notice" role="note">
              Cette version a été remplacée : elle est conservée pour mémoire. <Link to="/charte">Lire la charte en vigueur</Link>
            </p>
          )}
        </>
      )}
      <p className="lead">Les engagements des services municipaux pour vous accueillir, vous orienter et vous répondre.</p>
      {current.isPending && number === undefined && <Loading />}
      {number === undefined && current.data && !current.data.data?.principles.length && <p>La charte est en cours de rédaction : ses principes seront publiés dès leur approbation.</p>}
      {version && (version.principles.length > 0 || number !== undefined) && <Principles version={version} />}
      {version && (
        <p className="no-print charter-actions">
          <a href={charterPdfPath(version.current ? undefined : version.number)} download>
            Télécharger la charte (PDF, version {version.number})
          </a>{' '}
          <button type="button" onClick={() => window.print()}>
            Imprimer
          </button>
        </p>
      )}
      {session.data && (
        <p className="no-print">
          <Link to="/charte/gestion">Gérer la charte</Link> : principes en cours de rédaction, soumis, approbation de la charte.
        </p>
      )}
      <OlderVersions shown={number} />
    </article>
  );
}
