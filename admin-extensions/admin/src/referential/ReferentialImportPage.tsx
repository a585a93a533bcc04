import { Layouts, Page } from '@strapi/admin/strapi-admin';
import { Flex } from '@strapi/design-system';
import { ImportSection } from './ImportSection';
import { ReferentialList } from './ReferentialList';
import { TemplateSection } from './TemplateSection';

const TITLE = 'Importer un référentiel';

export function ReferentialImportPage() {
  return (
    <Page.Main>
      <Page.Title>{TITLE}</Page.Title>
      <Layouts.Header
        title={TITLE}
        subtitle="Cette page crée ou met à jour un référentiel (thèmes, engagements et indicateurs) à partir d’un classeur Excel ou d’un fichier CSV. Vous voyez d’abord ce qui va changer : rien n’est enregistré avant que vous cliquiez sur « Appliquer l’import »."
      />
      <Layouts.Content>
        <Flex direction="column" alignItems="stretch" gap={6}>
          <TemplateSection />
          <ImportSection />
          <ReferentialList />
        </Flex>
      </Layouts.Content>
    </Page.Main>
  );
}
