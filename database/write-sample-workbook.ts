import fs from 'node:fs';
import path from 'node:path';
import { referentialLibrarySchema, type ReferentialLibrary } from '../cms/src/referential/library-format';
import { writeWorkbook } from '../cms/src/referential/write-workbook';
import { repoRoot } from './paths';

/**
 * `npx tsx database/write-sample-workbook.ts`: writes the sample workbook that the admin import
 * page can load as is, from the library below and with the application's own writer, so that the
 * committed file always follows the current format (a test compares the two).
 */
export const SAMPLE_WORKBOOK = path.join(repoRoot, 'database', 'referentiels', 'exemple-services-publics-plus.xlsx');

const evidence = (...lines: string[]) => lines;

export const sampleLibrary: ReferentialLibrary = referentialLibrarySchema.parse({
  referential: {
    code: 'services-publics-plus',
    name: 'Services Publics + (engagements de l’État, adaptés à la commune)',
    version: '2021',
    source: 'services-publics-plus',
    description:
      'Programme d’amélioration continue des services publics lancé par l’État en 2021 et piloté par la Direction ' +
      'interministérielle de la transformation publique (DITP), qui succède aux engagements Marianne. Ses neuf ' +
      'engagements sont ici regroupés en trois thèmes par la commune ; les indicateurs et leurs cibles sont des choix locaux.',
  },
  themes: [
    {
      code: 'SPP-A',
      title: 'Accueil et accompagnement',
      order: 1,
      criteria: [
        {
          code: 'SPP-01',
          title: 'Un accueil courtois et bienveillant, dans le respect du droit à l’erreur',
          description:
            'Les agents accueillent chaque usager avec courtoisie et bienveillance et se présentent. Dans les conditions ' +
            'prévues par la loi, l’usager qui s’est trompé de bonne foi peut régulariser son erreur.',
          guidance:
            'Observer l’accueil au guichet pendant un moment d’affluence. Vérifier que les agents se présentent, que les ' +
            'locaux permettent d’attendre assis et de parler en toute confidentialité. Demander aux agents comment ils ' +
            'traitent une pièce manquante ou une erreur dans un formulaire.',
          expectedEvidence: evidence(
            'Charte d’accueil affichée dans les lieux d’accueil',
            'Consignes écrites sur la régularisation des erreurs de bonne foi',
            'Plan des espaces d’attente (sièges, confidentialité)',
          ),
          weight: 1,
        },
        {
          code: 'SPP-02',
          title: 'Des services joignables par téléphone ou sur place, et des démarches en ligne facilitées',
          description:
            'Les horaires d’ouverture et les numéros de téléphone sont clairement affichés et respectés ; les démarches ' +
            'proposées en ligne sont simples à accomplir, avec une aide pour qui en a besoin.',
          guidance:
            'Appeler le service à plusieurs moments de la semaine et noter le nombre de sonneries et l’issue de l’appel. ' +
            'Comparer les horaires affichés sur place, sur le site internet et sur les annuaires en ligne.',
          expectedEvidence: evidence('Relevé mensuel des appels reçus et décrochés', 'Horaires affichés sur place et publiés en ligne'),
          weight: 1,
          services: ['accueil-etat-civil', 'scolaire-periscolaire', 'petite-enfance'],
          indicators: [
            { code: 'SPP-02-I1', name: 'Taux d’appels décrochés', unit: 'pourcentage', target: 90, direction: 'higher', frequency: 'mensuelle' },
          ],
        },
        {
          code: 'SPP-03',
          title: 'Un accompagnement adapté à la situation de chacun',
          description:
            'L’usager qui en a besoin (personne âgée, en situation de handicap, peu à l’aise avec le numérique ou avec le ' +
            'français) est aidé pour accomplir sa démarche, sur place ou sur rendez-vous.',
          guidance:
            'Recenser les aides proposées (rendez-vous, poste informatique accompagné, boucle magnétique) et demander à ' +
            'deux agents comment ils repèrent un usager en difficulté.',
          expectedEvidence: evidence('Liste des dispositifs d’accompagnement proposés', 'Registre public d’accessibilité'),
          weight: 1,
        },
      ],
    },
    {
      code: 'SPP-B',
      title: 'Orientation et réponses',
      order: 2,
      criteria: [
        {
          code: 'SPP-04',
          title: 'Une orientation vers la personne compétente pour traiter la demande',
          description: 'L’usager est dirigé du premier coup vers le bon service, ou vers la bonne administration.',
          guidance:
            'Présenter à l’accueil trois demandes qui relèvent d’autres services ou d’autres administrations et noter ' +
            'la qualité de l’orientation donnée.',
          expectedEvidence: evidence('Annuaire interne des services et des partenaires tenu à jour', 'Fiches d’orientation utilisées à l’accueil'),
          weight: 1,
        },
        {
          code: 'SPP-05',
          title: 'Une réponse dans les délais annoncés, et une information sur l’avancement du dossier',
          description:
            'Les délais de réponse sont annoncés à l’usager et tenus ; l’usager peut savoir où en est sa demande.',
          guidance:
            'Tirer au hasard vingt courriers ou courriels reçus le mois précédent et comparer la date de réception à la ' +
            'date de réponse.',
          expectedEvidence: evidence('Registre du courrier avec dates de réception et de réponse', 'Délais de réponse publiés'),
          weight: 2,
          indicators: [
            { code: 'SPP-05-I1', name: 'Part des courriers et courriels ayant reçu une réponse sous 15 jours', unit: 'pourcentage', target: 90, direction: 'higher', frequency: 'mensuelle' },
            { code: 'SPP-05-I2', name: 'Délai moyen de réponse aux courriels', unit: 'jours', target: 7, direction: 'lower', frequency: 'mensuelle' },
          ],
        },
      ],
    },
    {
      code: 'SPP-C',
      title: 'Transparence, écoute et amélioration continue',
      order: 3,
      criteria: [
        {
          code: 'SPP-06',
          title: 'Un accès aux résultats de qualité de service',
          description: 'Les résultats des indicateurs de qualité de service sont affichés dans les lieux d’accueil et publiés en ligne.',
          guidance: 'Vérifier la date des résultats affichés et leur cohérence avec les mesures de la période.',
          expectedEvidence: evidence('Affiche des résultats datée', 'Page du site internet présentant les résultats'),
          weight: 1,
        },
        {
          code: 'SPP-07',
          title: 'Un avis pris en compte pour améliorer le service rendu',
          description:
            'L’usager peut donner son avis et formuler des suggestions ; une enquête de satisfaction est conduite ' +
            'régulièrement et ses résultats nourrissent un plan d’actions.',
          guidance: 'Consulter les derniers résultats de l’enquête de satisfaction et vérifier qu’ils ont donné lieu à des actions.',
          expectedEvidence: evidence('Résultats de la dernière enquête de satisfaction', 'Registre des réclamations et suggestions', 'Plan d’actions mis à jour'),
          weight: 1,
          indicators: [
            { code: 'SPP-07-I1', name: 'Taux de satisfaction des usagers', unit: 'pourcentage', target: 85, direction: 'higher', frequency: 'annuelle' },
          ],
        },
        {
          code: 'SPP-08',
          title: 'Des agents qui développent leurs compétences, une amélioration continue',
          description: 'Les agents sont formés à l’accueil et à la relation avec les usagers ; les écarts constatés donnent lieu à des actions.',
          guidance: 'Consulter le plan de formation et les comptes rendus des réunions qualité de l’année.',
          expectedEvidence: evidence('Plan de formation des agents d’accueil', 'Comptes rendus des réunions qualité'),
          weight: 1,
        },
        {
          code: 'SPP-09',
          title: 'Des services éco-responsables',
          description: 'Les services limitent leur impact sur l’environnement (papier, énergie, déplacements des usagers).',
          guidance: 'Relever les mesures prises (démarches dématérialisées, impressions, rendez-vous évitant les déplacements).',
          expectedEvidence: evidence('Bilan annuel des actions éco-responsables'),
          weight: 0.5,
        },
      ],
    },
  ],
});

async function main() {
  fs.writeFileSync(SAMPLE_WORKBOOK, await writeWorkbook(sampleLibrary, 'xlsx'));
  console.log(`Classeur d’exemple écrit : ${path.relative(process.cwd(), SAMPLE_WORKBOOK)}`);
}

if (require.main === module) {
  main().catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
