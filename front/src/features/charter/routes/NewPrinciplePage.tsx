import { Link } from 'react-router-dom';
import { Loading } from '../../../components/Loading';
import { useTitleFocus } from '../../../hooks/useTitleFocus';
import { useCharterPrinciples } from '../api/charter';
import { PrincipleForm } from '../components/PrincipleForm';
import { nextOrderOf } from './CharterManagePage';

/** « Gérer la charte » › a new principle, created as a draft, placed after the others by default. */
export function NewPrinciplePage() {
  const principles = useCharterPrinciples();
  useTitleFocus(true);
  return (
    <section aria-labelledby="new-principle-title">
      <p className="breadcrumb">
        <Link to="/charte/gestion">Gérer la charte</Link> › Nouveau principe
      </p>
      <h1 id="new-principle-title" tabIndex={-1}>
        Nouveau principe de la charte
      </h1>
      <p className="muted">Le principe est créé en brouillon : vous pourrez le compléter, puis le soumettre au DGS, qui l’approuvera avec la charte entière.</p>
      {principles.isPending ? <Loading /> : <PrincipleForm nextOrder={nextOrderOf(principles.data ?? [])} />}
    </section>
  );
}

export default NewPrinciplePage;
