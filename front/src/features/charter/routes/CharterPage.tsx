import { ErrorMessage, Loading } from '../../../app/Loading';
import { useCharter } from '../api/charter';

export function CharterPage() {
  const charter = useCharter();
  return (
    <article aria-labelledby="charter-title" className="charter">
      <h1 id="charter-title" tabIndex={-1}>
        Charte d’accueil du public
      </h1>
      <p className="lead">Les engagements des services municipaux pour vous accueillir, vous orienter et vous répondre.</p>
      {charter.isPending && <Loading />}
      {charter.isError && <ErrorMessage error={charter.error} />}
      {charter.data?.length === 0 && <p>La charte est en cours de rédaction : ses principes seront publiés dès leur approbation.</p>}
      {charter.data && charter.data.length > 0 && (
        <ol className="principles">
          {charter.data.map((p) => (
            <li key={p.documentId}>
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
      )}
    </article>
  );
}
