/** Said on top of the legal pages while config/legal.yaml still holds the demo town's values. */
export function DemoBanner() {
  return (
    <p className="notice demo-banner">
      <strong>Ville de démonstration :</strong> les noms, adresses et contacts de cette page sont fictifs. La commune les remplace par les siens avant
      la mise en ligne (fichier config/legal.yaml).
    </p>
  );
}
