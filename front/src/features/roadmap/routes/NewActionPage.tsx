import { Link } from 'react-router-dom';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { ActionForm } from '../components/ActionForm';
import '../roadmap.css';

/** « Feuille de route » › a new action, created as a draft of the chosen service. */
export function NewActionPage() {
  useTitleFocus(true);
  return (
    <section aria-labelledby="new-action-title">
      <p className="breadcrumb">
        <Link to="/feuille-de-route">Feuille de route</Link> › Nouvelle action
      </p>
      <h1 id="new-action-title" tabIndex={-1}>
        Nouvelle action d’amélioration
      </h1>
      <p className="muted">L’action est créée en brouillon : vous pourrez la compléter, puis la soumettre au chef de service.</p>
      <ActionForm />
    </section>
  );
}

export default NewActionPage;
