/**
 * French words for the large-town dataset: the services of a city of 100,000 inhabitants, the
 * themes of a Qualivilles-like référentiel, and the phrases evaluators, agents and users write.
 */

export const SERVICE_NAMES = [
  'Accueil / État civil', 'Élections', 'Population et formalités', 'Affaires funéraires et cimetières', 'Urbanisme',
  'Droit des sols', 'Affaires scolaires', 'Restauration scolaire', 'Périscolaire', 'Centre de loisirs',
  'Petite enfance', 'Relais petite enfance', 'Jeunesse', 'Centre communal d’action sociale', 'Seniors et autonomie',
  'Logement', 'Santé publique et hygiène', 'Police municipale', 'Tranquillité publique', 'Prévention et médiation',
  'Médiathèque', 'Conservatoire', 'Musée', 'Archives', 'Culture et événements',
  'Sports', 'Piscine municipale', 'Vie associative', 'Démocratie locale', 'Maison France services',
  'Emploi et insertion', 'Commerce et artisanat', 'Marchés forains', 'Domaine public', 'Stationnement',
  'Voirie', 'Propreté urbaine', 'Espaces verts', 'Eau et assainissement', 'Transports et mobilités',
  'Environnement et développement durable', 'Patrimoine bâti', 'Finances', 'Ressources humaines', 'Affaires juridiques',
  'Marchés publics', 'Communication', 'Cabinet du Maire', 'Tourisme', 'Objets trouvés',
];

export const SERVICE_DESCRIPTIONS = [
  'Accueil physique et téléphonique des usagers, instruction des demandes et suivi des dossiers.',
  'Reçoit le public sur rendez-vous et sans rendez-vous ; répond aux courriers, courriels et appels.',
  'Service en contact direct avec les habitants, au guichet comme en ligne.',
  'Traite les demandes des habitants et des partenaires, et informe sur les démarches.',
];

export const THEMES = [
  'Information et orientation des usagers',
  'Accueil physique',
  'Accueil téléphonique',
  'Courriers et courriels',
  'Démarches en ligne',
  'Écoute et réclamations',
  'Accessibilité',
  'Amélioration continue',
];

/** Engagement stems per theme (same order as THEMES); combined with a qualifier for variety. */
export const CRITERION_STEMS: string[][] = [
  ['Informer sur les horaires et les modalités d’accès', 'Orienter l’usager vers le bon interlocuteur', 'Tenir à jour l’information publiée', 'Signaler clairement les lieux d’accueil'],
  ['Accueillir l’usager avec courtoisie', 'Limiter le temps d’attente au guichet', 'Garantir la confidentialité des échanges', 'Proposer un rendez-vous'],
  ['Décrocher rapidement', 'Annoncer le service et l’interlocuteur', 'Rappeler l’usager dans le délai annoncé', 'Éviter les transferts d’appel inutiles'],
  ['Répondre aux courriers dans un délai annoncé', 'Accuser réception des courriels', 'Rédiger des réponses claires et personnalisées', 'Indiquer le nom de l’agent en charge'],
  ['Proposer les démarches en ligne', 'Accompagner les usagers éloignés du numérique', 'Informer de l’avancement du dossier', 'Sécuriser les pièces transmises'],
  ['Recueillir les réclamations et les suggestions', 'Répondre à toute réclamation sous 15 jours', 'Mesurer la satisfaction des usagers', 'Rendre compte des suites données'],
  ['Rendre les locaux accessibles', 'Adapter l’accueil aux personnes en situation de handicap', 'Proposer des supports faciles à lire', 'Accueillir les usagers non francophones'],
  ['Former les agents à l’accueil', 'Suivre les indicateurs de qualité', 'Conduire une autoévaluation annuelle', 'Partager les bonnes pratiques entre services'],
];

export const QUALIFIERS = [
  'au guichet', 'par téléphone', 'sur le site internet', 'par courrier', 'par courriel', 'lors des permanences',
  'dans les équipements de quartier', 'pendant les pics d’activité', 'pour les démarches complexes', 'pour les publics prioritaires',
];

export const EXPECTED_EVIDENCE = [
  'Procédure écrite, affichage et capture du site internet.',
  'Tableau de suivi des délais sur les trois derniers mois.',
  'Compte rendu de réunion d’équipe et fiche réflexe.',
  'Registre des réclamations et réponses envoyées.',
  'Résultats de l’enquête de satisfaction annuelle.',
  'Attestation de formation des agents d’accueil.',
  'Relevé des appels (taux de décroché) fourni par l’opérateur.',
];

export const GUIDANCE = [
  'Vérifier sur pièces et par observation au guichet ; interroger deux agents au moins.',
  'Contrôler un échantillon de dix dossiers récents.',
  'Comparer la pratique décrite avec la pratique observée.',
];

export const INDICATORS: { name: string; unit: 'pourcentage' | 'jours' | 'minutes' | 'secondes' | 'nombre'; target: number; direction: 'higher' | 'lower' }[] = [
  { name: 'Part des courriers répondus sous 15 jours', unit: 'pourcentage', target: 90, direction: 'higher' },
  { name: 'Délai moyen de réponse aux courriels', unit: 'jours', target: 5, direction: 'lower' },
  { name: 'Taux de décroché téléphonique', unit: 'pourcentage', target: 85, direction: 'higher' },
  { name: 'Temps d’attente moyen au guichet', unit: 'minutes', target: 10, direction: 'lower' },
  { name: 'Taux de satisfaction des usagers', unit: 'pourcentage', target: 80, direction: 'higher' },
  { name: 'Nombre de réclamations reçues', unit: 'nombre', target: 10, direction: 'lower' },
  { name: 'Délai moyen de décroché', unit: 'secondes', target: 30, direction: 'lower' },
  { name: 'Part des démarches réalisées en ligne', unit: 'pourcentage', target: 60, direction: 'higher' },
];

export const FINDINGS = {
  conforme: ['Pratique en place et vérifiée sur pièces.', 'Pratique connue de toute l’équipe et suivie chaque mois.', 'Engagement tenu ; les usagers interrogés le confirment.'],
  partiel: ['Pratique en place mais ni formalisée ni suivie.', 'Pratique appliquée par une partie de l’équipe seulement.', 'Engagement tenu hors des périodes de forte affluence.'],
  'non-conforme': ['Aucune pratique établie ; l’engagement n’est pas tenu.', 'Pratique abandonnée faute de moyens.', 'Délais constatés très supérieurs à l’engagement.'],
  'non-applicable': ['Le service n’est pas concerné par cet engagement.'],
  'non-evalue': [''],
} as const;

export const STRENGTHS = ['Agents attentifs et disponibles.', 'Outil de suivi partagé par l’équipe.', 'Affichage clair et à jour.'];
export const GAPS = ['Absence de procédure écrite.', 'Pas d’indicateur de suivi.', 'Délais non tenus en période de congés.', 'Information dispersée entre plusieurs supports.'];
export const RECOMMENDATIONS = [
  'Formaliser la pratique dans une fiche de procédure et la suivre chaque trimestre.',
  'Inscrire une action à la feuille de route avec un pilote et une échéance.',
  'Mettre en place un tableau de bord mensuel.',
  'Former les agents concernés d’ici la prochaine campagne.',
];
export const REJECT_COMMENTS = ['Constat à compléter : préciser les pièces consultées.', 'Résultat à revoir au regard des délais constatés.', 'Merci de joindre le tableau de suivi.'];

export const ACTION_VERBS = ['Mettre en place', 'Formaliser', 'Réviser', 'Déployer', 'Mesurer', 'Former les agents à', 'Simplifier', 'Afficher'];
export const ACTION_OBJECTS = [
  'la procédure de réponse aux courriels', 'l’affichage des horaires', 'le tableau de suivi des délais', 'la prise de rendez-vous en ligne',
  'l’accueil téléphonique aux heures de pointe', 'le registre des réclamations', 'la signalétique du hall', 'les modèles de courriers',
  'l’enquête de satisfaction', 'l’accueil des personnes en situation de handicap', 'la fiche d’orientation des usagers', 'les permanences de quartier',
];

export const COMPLAINT_SUBJECTS = {
  reclamation: [
    'Attente trop longue au guichet', 'Courriel resté sans réponse', 'Appel non rappelé', 'Erreur dans un acte délivré',
    'Rendez-vous annulé sans prévenir', 'Information contradictoire sur une démarche', 'Accueil jugé peu aimable', 'Dossier égaré',
    'Horaires affichés erronés', 'Démarche en ligne inaccessible',
  ],
  suggestion: [
    'Ouvrir le samedi matin', 'Proposer la prise de rendez-vous en ligne', 'Ajouter des places assises dans le hall',
    'Envoyer un SMS de rappel avant rendez-vous', 'Publier les délais moyens de traitement', 'Simplifier le formulaire d’inscription',
  ],
} as const;

export const OUTCOMES = [
  'Réponse écrite envoyée ; excuses présentées et situation régularisée.',
  'Usager rappelé ; la demande a été traitée dans la semaine.',
  'Suggestion retenue et inscrite à la feuille de route.',
  'Suggestion étudiée ; non retenue pour cette année, réponse motivée envoyée.',
  'Erreur corrigée et procédure rappelée à l’équipe.',
];

export const FIRST_NAMES = [
  'Camille', 'Julie', 'Thomas', 'Nicolas', 'Sophie', 'Karim', 'Nadia', 'Paul', 'Hélène', 'Léa', 'Hugo', 'Chloé', 'Lucas', 'Manon',
  'Antoine', 'Sarah', 'Yasmine', 'Mathieu', 'Inès', 'Julien', 'Claire', 'Mehdi', 'Élodie', 'Romain', 'Aïcha', 'François', 'Marie', 'Louis',
];
export const LAST_NAMES = [
  'Martin', 'Bernard', 'Dubois', 'Thomas', 'Robert', 'Richard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre',
  'Michel', 'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'Benali', 'Mercier', 'Rousseau', 'Diallo',
];

/** ASCII, lower case, words joined by dashes: the shape of Strapi's uid fields. */
export function slugify(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[’']/g, '-')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/** What a mystery tester plays, per channel. */
export const MYSTERY_SCENARIOS = {
  appel: [
    'Demander les horaires d’ouverture et les pièces à fournir pour une démarche courante.',
    'Demander comment prendre rendez-vous et dans quel délai.',
  ],
  courriel: [
    'Écrire pour demander la liste des pièces d’un dossier, depuis une adresse personnelle.',
    'Demander par courriel où en est une demande déposée le mois dernier.',
  ],
  courrier: [
    'Envoyer une demande d’information signée, avec une adresse de réponse.',
    'Écrire pour signaler un problème et demander une suite.',
  ],
  'formulaire-web': [
    'Poser une question simple par le formulaire de contact du site.',
    'Signaler un dysfonctionnement par le formulaire en ligne.',
  ],
  visite: [
    'Se présenter au guichet sans rendez-vous pour une demande d’information.',
    'Venir retirer un formulaire et demander de l’aide pour le remplir.',
  ],
} as const;

export const MYSTERY_OBSERVATIONS = [
  'Interlocuteur aimable, mais la réponse a demandé un rappel.',
  'Attente plus longue que d’habitude : un seul agent au guichet.',
  'Réponse claire et complète, avec les coordonnées du service.',
  'Le service n’a pas été nommé au décroché.',
];
