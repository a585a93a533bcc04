import { QueryProvider } from '../lib/query';
import { ReferentialImportPage } from '../referential/ReferentialImportPage';

export default function ReferentialPage() {
  return (
    <QueryProvider>
      <ReferentialImportPage />
    </QueryProvider>
  );
}
