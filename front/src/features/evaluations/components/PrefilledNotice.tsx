/** Shown on an evaluation copied by the campaign builder from the previous campaign: its content still needs a human look. */
export function PrefilledNotice({ prefilled }: { prefilled: boolean | null | undefined }) {
  if (!prefilled) return null;
  return (
    <p className="notice prefilled-notice">
      <strong>Pré-remplie depuis la campagne précédente — à relire</strong>
      <br />
      Le résultat et les textes ci-dessous reprennent l’évaluation de la campagne précédente : vérifiez-les avant de soumettre.
    </p>
  );
}
