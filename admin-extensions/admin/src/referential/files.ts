export const ACCEPTED_EXTENSIONS = ['.xlsx', '.csv'] as const;

/** A French message when the chosen file cannot be a référentiel file; the server checks again. */
export function fileProblem(file: File): string | null {
  const name = file.name.toLowerCase();
  if (!ACCEPTED_EXTENSIONS.some((extension) => name.endsWith(extension))) {
    return `Le fichier « ${file.name} » n’est pas accepté : choisissez un classeur Excel (.xlsx) ou un fichier CSV (.csv), par exemple le modèle à télécharger ci-dessus.`;
  }
  if (file.size === 0) return `Le fichier « ${file.name} » est vide.`;
  return null;
}

const numberFormat = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 1 });

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${numberFormat.format(bytes)} octets`;
  if (bytes < 1024 * 1024) return `${numberFormat.format(bytes / 1024)} Ko`;
  return `${numberFormat.format(bytes / (1024 * 1024))} Mo`;
}

