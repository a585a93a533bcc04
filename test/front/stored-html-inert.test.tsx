/** @jest-environment jsdom */
import fs from 'node:fs';
import path from 'node:path';
import { screen } from '@testing-library/react';
import { EvaluationForm } from '../../front/src/features/evaluations/components/EvaluationForm';
import { tokenStore } from '../../front/src/lib/api-client';
import { renderWithApp, serveApi } from './render';

/**
 * Text typed by staff or residents may hold HTML (accepted as text by the API, stored as is): it
 * must show as text wherever it is displayed, never become markup.
 */
const PAYLOAD = '<img src=x onerror="window.__pwned = true"><script>window.__pwned = true</script>';

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return e.name === 'node_modules' || e.name === 'dist' ? [] : sourceFiles(full);
    return /\.(tsx?|jsx?)$/.test(e.name) ? [full] : [];
  });
}

describe('stored HTML is inert', () => {
  it('is shown as text in an evaluation form', () => {
    tokenStore.set('jeton');
    serveApi({});
    const { container } = renderWithApp(
      <EvaluationForm evaluation={{ documentId: 'e1', workflowState: 'draft', prefilled: false, result: 'partiel', findings: PAYLOAD, evidence: [] } as never} />,
    );
    expect((screen.getByLabelText('Constats') as HTMLTextAreaElement).value).toBe(PAYLOAD);
    expect(container.querySelector('img[src="x"], script')).toBeNull();
    expect((window as { __pwned?: boolean }).__pwned).toBeUndefined();
    localStorage.clear();
  });

  it('is never injected as markup by the front or the admin panel extensions', () => {
    const root = path.join(__dirname, '..', '..');
    const offenders = [...sourceFiles(path.join(root, 'front', 'src')), ...sourceFiles(path.join(root, 'admin-extensions', 'admin', 'src'))].filter((file) =>
      /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write\(/.test(fs.readFileSync(file, 'utf8')),
    );
    expect(offenders.map((f) => path.relative(root, f))).toEqual([]);
  });
});
