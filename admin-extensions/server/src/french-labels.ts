/**
 * What the admin panel's Content Manager shows for each type: French label and help text of every
 * field, the field that names an entry in relations, the list columns and the default sort.
 * Applied at every boot, so a non-technical user never reads an API name such as `expectedEvidence`.
 */
export interface TypeLabels {
  mainField: string;
  list: string[];
  sort: [field: string, order: 'ASC' | 'DESC'];
  fields: Record<string, [label: string, description?: string]>;
}

const workflow = {
  workflowState: ['État', 'Brouillon, soumis, validé ou approuvé. Ne change que par les actions du workflow.'],
  author: ['Rédacteur', 'Compte qui a créé la fiche ; il est prévenu des retours.'],
} satisfies TypeLabels['fields'];

export const frenchLabels: Record<string, TypeLabels> = {
  'api::service.service': {
    mainField: 'name',
    list: ['name', 'slug', 'heads', 'agents'],
    sort: ['name', 'ASC'],
    fields: {
      name: ['Nom du service', 'Par exemple « Accueil / État civil ».'],
      slug: ['Identifiant court', 'Utilisé dans les adresses et les filtres (minuscules et tirets).'],
      description: ['Description', 'Missions et publics accueillis.'],
      heads: ['Chefs de service', 'Valident ou renvoient les fiches du service.'],
      agents: ['Agents', 'Rédigent et soumettent les fiches du service.'],
    },
  },
  'api::referential.referential': {
    mainField: 'name',
    list: ['name', 'code', 'version', 'source'],
    sort: ['name', 'ASC'],
    fields: {
      code: ['Code', 'Identifiant stable utilisé à l’import (minuscules, chiffres et tirets).'],
      name: ['Nom', 'Par exemple « Qualivilles — engagements de service (ville) ».'],
      version: ['Version'],
      source: ['Origine', 'Qualivilles, Marianne, Services Publics + ou référentiel local.'],
      description: ['Description'],
      themes: ['Thèmes', 'Chapitres du référentiel.'],
    },
  },
  'api::theme.theme': {
    mainField: 'title',
    list: ['code', 'title', 'referential', 'order'],
    sort: ['code', 'ASC'],
    fields: {
      referential: ['Référentiel'],
      code: ['Code', 'Unique dans le référentiel, par exemple QV-A.'],
      title: ['Titre'],
      order: ['Ordre d’affichage'],
      criteria: ['Engagements'],
    },
  },
  'api::criterion.criterion': {
    mainField: 'title',
    list: ['code', 'title', 'theme', 'weight'],
    sort: ['code', 'ASC'],
    fields: {
      theme: ['Thème'],
      code: ['Code', 'Unique dans le référentiel, par exemple QV-07.'],
      title: ['Intitulé de l’engagement'],
      description: ['Description', 'Ce que l’engagement signifie pour un service de la commune.'],
      guidance: ['Comment l’évaluer', 'Ce qu’il faut observer, qui interroger, quel échantillon contrôler.'],
      expectedEvidence: ['Preuves attendues', 'Une preuve par ligne.'],
      weight: ['Poids', 'Strictement positif ; 1 par défaut, davantage pour un engagement chiffré.'],
      order: ['Ordre d’affichage'],
      applicableServices: ['Services concernés', 'Laisser vide si l’engagement s’applique à tous les services.'],
      indicators: ['Indicateurs'],
    },
  },
  'api::indicator.indicator': {
    mainField: 'name',
    list: ['code', 'name', 'unit', 'target', 'frequency'],
    sort: ['code', 'ASC'],
    fields: {
      criterion: ['Engagement'],
      code: ['Code', 'Unique dans le référentiel, par exemple QV-27-I1.'],
      name: ['Nom de l’indicateur'],
      unit: ['Unité'],
      target: ['Cible', 'Valeur à atteindre, dans l’unité choisie.'],
      direction: ['Sens', 'higher : plus c’est haut, mieux c’est ; lower : plus c’est bas, mieux c’est.'],
      frequency: ['Fréquence de mesure'],
    },
  },
  'api::campaign.campaign': {
    mainField: 'name',
    list: ['name', 'kind', 'referential', 'startDate', 'endDate'],
    sort: ['startDate', 'DESC'],
    fields: {
      referential: ['Référentiel'],
      name: ['Nom de la campagne', 'Par exemple « Diagnostic initial 2026 ».'],
      kind: ['Type', 'Diagnostic, audit interne ou auto-évaluation.'],
      startDate: ['Début'],
      endDate: ['Fin', 'Postérieure ou égale au début.'],
      services: ['Services évalués'],
    },
  },
  'api::evaluation.evaluation': {
    mainField: 'id',
    list: ['criterion', 'service', 'campaign', 'result', 'workflowState'],
    sort: ['updatedAt', 'DESC'],
    fields: {
      campaign: ['Campagne'],
      service: ['Service'],
      criterion: ['Engagement'],
      result: ['Résultat', 'Conforme, partiel, non conforme, non applicable ou non évalué.'],
      findings: ['Constats', 'Ce qui a été observé et vérifié.'],
      strengths: ['Points forts'],
      gaps: ['Écarts', 'Ce qui manque pour satisfaire l’engagement.'],
      recommendation: ['Recommandation'],
      evidence: ['Preuves jointes', 'Documents, photos, extraits de registre.'],
      interviews: ['Entretiens'],
      prefilled: ['Pré-remplie', 'Reprise de la campagne précédente : à relire avant de soumettre.'],
      ...workflow,
    },
  },
  'api::interview.interview': {
    mainField: 'interviewees',
    list: ['date', 'service', 'interviewees', 'interviewer', 'workflowState'],
    sort: ['date', 'DESC'],
    fields: {
      campaign: ['Campagne'],
      service: ['Service'],
      date: ['Date de l’entretien'],
      interviewees: ['Personnes rencontrées'],
      interviewer: ['Mené par'],
      notes: ['Notes', 'Données personnelles : lisibles par le référent qualité, le DGS et les chefs du service.'],
      criteria: ['Engagements abordés'],
      ...workflow,
    },
  },
  'api::charter-principle.charter-principle': {
    mainField: 'title',
    list: ['order', 'title', 'commitment', 'workflowState'],
    sort: ['order', 'ASC'],
    fields: {
      title: ['Titre du principe'],
      text: ['Texte', 'Le texte publié dans la charte.'],
      commitment: ['Engagement mesurable', 'Par exemple « réponse aux courriels sous 7 jours ».'],
      criteria: ['Engagements du référentiel liés'],
      indicator: ['Indicateur de suivi'],
      order: ['Ordre dans la charte'],
      ...workflow,
    },
  },
  'api::roadmap-action.roadmap-action': {
    mainField: 'title',
    list: ['title', 'service', 'owner', 'dueDate', 'status', 'progress'],
    sort: ['dueDate', 'ASC'],
    fields: {
      title: ['Action'],
      description: ['Description'],
      service: ['Service'],
      criterion: ['Engagement concerné'],
      principle: ['Principe de la charte concerné'],
      owner: ['Pilote', 'Personne responsable de l’action.'],
      ownerUser: ['Compte du pilote', 'Si le pilote a un compte : il reçoit chaque semaine la liste de ses actions en retard. Sans compte, ce sont les chefs du service qui la reçoivent.'],
      priority: ['Priorité'],
      startDate: ['Début'],
      dueDate: ['Échéance'],
      status: ['Statut', 'À lancer, en cours, abouti ou abandonné.'],
      progress: ['Avancement (%)', 'De 0 à 100.'],
      ...workflow,
    },
  },
  'api::measure.measure': {
    mainField: 'period',
    list: ['indicator', 'service', 'period', 'value', 'workflowState'],
    sort: ['period', 'DESC'],
    fields: {
      indicator: ['Indicateur'],
      service: ['Service'],
      period: ['Période', 'Premier jour de la période mesurée (mois, trimestre, semestre ou année selon l’indicateur).'],
      value: ['Valeur'],
      comment: ['Commentaire'],
      workflowState: ['État', 'Brouillon, soumis ou validé. Ne change que par les actions du workflow.'],
      author: workflow.author,
    },
  },
  'api::survey.survey': {
    mainField: 'title',
    list: ['title', 'service', 'opensAt', 'closesAt'],
    sort: ['opensAt', 'DESC'],
    fields: {
      title: ['Titre de l’enquête'],
      description: ['Présentation'],
      questions: ['Questions'],
      service: ['Service', 'Laisser vide pour une enquête commune à tous les services.'],
      opensAt: ['Ouverture'],
      closesAt: ['Clôture'],
    },
  },
  'api::survey-response.survey-response': {
    mainField: 'id',
    list: ['survey', 'service', 'createdAt'],
    sort: ['createdAt', 'DESC'],
    fields: {
      survey: ['Enquête'],
      service: ['Service'],
      answers: ['Réponses'],
    },
  },
  'api::complaint.complaint': {
    mainField: 'subject',
    list: ['receivedAt', 'kind', 'channel', 'subject', 'service', 'answeredAt'],
    sort: ['receivedAt', 'DESC'],
    fields: {
      kind: ['Nature', 'Réclamation ou suggestion.'],
      channel: ['Canal de réception'],
      receivedAt: ['Reçue le', 'Le délai de réponse de 15 jours court à partir de cette date.'],
      service: ['Service concerné'],
      subject: ['Objet'],
      description: ['Contenu'],
      contactName: ['Nom de l’usager', 'Donnée personnelle.'],
      contactEmail: ['Courriel de l’usager', 'Donnée personnelle.'],
      acknowledgedAt: ['Accusé de réception le'],
      answeredAt: ['Réponse envoyée le'],
      outcome: ['Suite donnée'],
    },
  },
  'api::workflow-event.workflow-event': {
    mainField: 'action',
    list: ['at', 'targetUid', 'action', 'fromState', 'toState', 'actorName'],
    sort: ['at', 'DESC'],
    fields: {
      targetUid: ['Type de document'],
      targetDocumentId: ['Document'],
      action: ['Action'],
      fromState: ['État de départ'],
      toState: ['État d’arrivée'],
      actor: ['Auteur de l’action'],
      actorName: ['Nom de l’auteur'],
      role: ['Rôle'],
      comment: ['Commentaire'],
      at: ['Date'],
    },
  },
};

/** Labels of the fields every type has. */
export const commonFields: TypeLabels['fields'] = {
  id: ['N°'],
  documentId: ['Identifiant'],
  createdAt: ['Créé le'],
  updatedAt: ['Modifié le'],
  createdBy: ['Créé par'],
  updatedBy: ['Modifié par'],
};
