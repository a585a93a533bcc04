# Image de Charte d'accueil (Strapi 5) : API + panneau d'administration sur le port 1337.
#   docker build -t charte-accueil .
#   docker compose up          (pile de démonstration : voir docker-compose.yml)
# La base PostgreSQL est externe (DATABASE_URL ou DATABASE_*) ; les secrets viennent de l'environnement.
# Arborescence dans l'image, identique au dépôt : /app/{cms,config,database,admin-extensions,front,node_modules}.

# ---------------------------------------------------------------------------------------------
# Étape 1 : dépendances et construction
# ---------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS build
WORKDIR /app
# Pas de NODE_ENV=production ici : `npm ci` doit installer les devDependencies (typescript…).
ENV STRAPI_TELEMETRY_DISABLED=true

# Manifestes d'abord, pour que la couche `npm ci` reste en cache tant qu'ils ne changent pas.
COPY package.json package-lock.json ./
COPY cms/package.json cms/
COPY front/package.json front/
# Le `postinstall` racine compile le contrat et admin-extensions (tsc) : leurs sources (petites)
# doivent être là.
COPY contract/ contract/
COPY admin-extensions/ admin-extensions/
RUN npm ci --no-audit --no-fund

# Sources du cms et de l’interface, puis construction (admin-extensions, interface -> front/dist,
# TypeScript -> cms/dist, panneau -> cms/dist/build).
# `strapi build` charge cms/config/*.ts, qui exigent les secrets : on lui passe des valeurs factices,
# limitées à cette commande (elles ne sont pas dans l'environnement de l'image finale).
# Ensuite `npm prune` retire les devDependencies (jest, @types…) ; typescript reste, car
# @strapi/strapi en dépend. --ignore-scripts : le postinstall racine (tsc) ne doit pas se relancer.
COPY cms/ cms/
COPY front/ front/
RUN APP_KEYS=build-only \
    ADMIN_JWT_SECRET=build-only \
    API_TOKEN_SALT=build-only \
    TRANSFER_TOKEN_SALT=build-only \
    ENCRYPTION_KEY=build-only \
    JWT_SECRET=build-only \
    NODE_ENV=production \
    npm run build \
 && npm prune --omit=dev --ignore-scripts --no-audit --no-fund

# ---------------------------------------------------------------------------------------------
# Étape 2 : exécution
# ---------------------------------------------------------------------------------------------
FROM node:20-bookworm-slim AS runtime
# NODE_OPTIONS : tas V8 borné. Sans borne, V8 (qui voit toute la mémoire de la machine) laisse le
# tas grossir de déchets au-delà de 700 Mo avant de les ramasser ; les données vivantes du cms
# tiennent sous 256 Mo, même pendant la création d'une campagne de 10 000 évaluations (banc complet
# réussi avec cette borne-là). Cette borne réduit aussi la jeune génération (V8 la proportionne au
# tas : 1 Mo par demi-espace pour 512 Mo) : chaque grande réponse (liste de 200 évaluations) déclenchait
# un ramassage et vieillissait les objets des requêtes en cours ; 32 Mo par demi-espace ramènent le
# ramasse-miettes de 9 % à 4 % du calcul sur ces listes (+ 40 Mo de mémoire résidente environ).
# `npm run bench` lance le cms avec ces mêmes options (docs/performance.md, « Mémoire »).
ENV NODE_ENV=production \
    CHARTE_BUILD=off \
    HOST=0.0.0.0 \
    PORT=1337 \
    STRAPI_TELEMETRY_DISABLED=true \
    NODE_OPTIONS="--max-old-space-size=384 --max-semi-space-size=32"
WORKDIR /app

COPY --from=build /app /app
# Configuration métier (YAML) et bibliothèques du référentiel / ville de démonstration, lues à
# l'exécution depuis ../config et ../database par rapport au cms. Copiées ici, hors de l'étape de
# construction : modifier un YAML ne relance pas `strapi build`.
COPY config/ config/
COPY database/ database/

# Outils de la sauvegarde de la nuit (tâche « database-backup » de config/schedules.yaml) et de
# `npm run db:backup` / `db:restore` / `db:verify` : pg_dump et pg_restore du paquet Debian
# postgresql-client (version 15 sur Debian 12, celle du PostgreSQL de docker-compose.yml ; un
# serveur plus récent demande ses propres outils, voir docs/operations.md, « Sauvegardes »).
RUN apt-get update \
 && apt-get install -y --no-install-recommends postgresql-client \
 && rm -rf /var/lib/apt/lists/*

# Seuls le dossier des fichiers téléversés et celui des sauvegardes doivent être inscriptibles par
# l'application (un volume nommé monté ici reprend ce propriétaire à sa création).
RUN mkdir -p /app/cms/public/uploads /app/backups && chown node:node /app/cms/public/uploads /app/backups

USER node
WORKDIR /app/cms
EXPOSE 1337

# GET /api/health/ready : 200 quand la base, les migrations, la file de travaux, les courriels et les
# tâches planifiées vont bien, 503 avec la raison sinon. start-period large : le premier démarrage
# applique les migrations.
# La ville de démonstration se charge à part (`npm run seed`, voir docker-compose.yml), jamais en
# production.
HEALTHCHECK --interval=30s --timeout=5s --start-period=120s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 1337) + '/api/health/ready').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

# Équivaut à `npx strapi start` dans /app/cms, sans passer par npm (signaux reçus directement par node).
CMD ["node", "/app/node_modules/@strapi/strapi/bin/strapi.js", "start"]
# Charger la ville de démonstration dans une base vide (hors production) :
#   node /app/node_modules/tsx/dist/cli.mjs /app/database/seed.ts
