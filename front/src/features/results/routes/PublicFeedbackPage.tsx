import { Link } from 'react-router-dom';
import { ErrorMessage, Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { usePublicFeedback } from '../api/results';

/** Keeps French guillemets on the line of the words they quote. */
const NBSP = '\u00a0';

/**
 * « Vous nous l’avez dit, nous l’avons fait » (public, /vous-nous-avez-dit): the improvements of the
 * year grouped by engagement with what prompted them, and the town's answers to what users said —
 * only what a person approved, rewritten without anyone's name.
 */
export default function PublicFeedbackPage() {
  const feedback = usePublicFeedback();
  useTitleFocus(!feedback.isPending);
  if (feedback.isPending) return <Loading />;
  if (feedback.isError)
    return (
      <section>
        <h1 tabIndex={-1}>Vous nous l’avez dit, nous l’avons fait</h1>
        <ErrorMessage error={feedback.error} />
      </section>
    );
  const { year, groups, replies } = feedback.data;
  return (
    <article className="results" aria-labelledby="feedback-title">
      <h1 id="feedback-title" tabIndex={-1}>
        Vous nous l’avez dit, nous l’avons fait
      </h1>
      <p className="lead">
        Vos réclamations, vos suggestions et vos réponses à nos enquêtes font évoluer l’accueil. Voici ce qu’elles ont changé, et ce que nous vous avons
        répondu.
      </p>

      <section aria-labelledby="feedback-done">
        <h2 id="feedback-done">Ce que nous avons amélioré en {year}</h2>
        {groups.length ? (
          groups.map((group) => (
            <section key={group.engagement} className="panel" aria-label={group.engagement}>
              <h3>{group.engagement}</h3>
              <ul className="feedback-list">
                {group.actions.map((action, index) => (
                  <li key={`${action.title}-${index}`}>
                    {action.said && (
                      <p>
                        <strong>Vous nous avez dit :</strong> «{NBSP}{action.said}{NBSP}»
                      </p>
                    )}
                    <p>
                      <strong>Nous avons fait :</strong> {action.title}
                      <span className="muted">
                        {' '}
                        — {action.service ? `${action.service}, ` : ''}
                        {action.completedIn}
                      </span>
                    </p>
                    {action.prompts.length > 0 && <p className="muted">À l’origine : {action.prompts.join(' ; ')}.</p>}
                  </li>
                ))}
              </ul>
            </section>
          ))
        ) : (
          <p>Aucune amélioration issue de vos avis n’est encore achevée cette année.</p>
        )}
      </section>

      <section aria-labelledby="feedback-replies">
        <h2 id="feedback-replies">Nos réponses à vos avis</h2>
        {replies.length ? (
          <ul className="feedback-list">
            {replies.map((reply, index) => (
              <li key={index} className="panel">
                <p className="muted">
                  {reply.kind}
                  {reply.service ? ` — ${reply.service}` : ''}
                  {reply.receivedIn ? `, ${reply.receivedIn}` : ''}
                </p>
                <p>
                  <strong>Vous nous avez dit :</strong> «{NBSP}{reply.said}{NBSP}»
                </p>
                <p>
                  <strong>Notre réponse :</strong> {reply.reply}
                </p>
              </li>
            ))}
          </ul>
        ) : (
          <p>Aucune réponse n’est encore publiée.</p>
        )}
        <p className="muted">
          Les avis sont reformulés pour ne reconnaître personne et publiés après relecture. <Link to="/reclamation">Donner votre avis</Link> ·{' '}
          <Link to="/resultats">Nos résultats</Link>
        </p>
      </section>
    </article>
  );
}
