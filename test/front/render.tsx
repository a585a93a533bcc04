import { modelLabelsSchema } from '@charte/contract/schemas';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { Suspense, type ReactElement } from 'react';
import { createMemoryRouter, RouterProvider } from 'react-router-dom';
import { modelLabels } from '../../cms/src/platform/config/labels';
import { labelsKey } from '../../front/src/lib/labels';

// jsdom has no fetch API: a data router builds a Request for each navigation, and reads only its
// url, method and signal when no route has a loader or action (none has).
if (typeof globalThis.Request === 'undefined') {
  globalThis.Request = class {
    readonly url: string;
    readonly method: string;
    readonly signal: AbortSignal;
    constructor(input: string | URL, init: { method?: string; signal?: AbortSignal } = {}) {
      this.url = String(input);
      this.method = (init.method ?? 'GET').toUpperCase();
      this.signal = init.signal ?? new AbortController().signal;
    }
  } as unknown as typeof Request;
}

/** The model map as GET /api/labels (and index.html) give it: the cms's own reading of config/labels.yaml, held to the contract. */
export const labels = modelLabelsSchema.parse(modelLabels());

/** Renders with a fresh query client and router, as the app does: the model map already there, as the cms writes it into the page. */
export function renderWithApp(ui: ReactElement, { route = '/' } = {}) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  client.setQueryData(labelsKey, labels);
  // A data router as in main.tsx (the leave guard's blocker needs one), `ui` under its catch-all route.
  const router = createMemoryRouter([{ path: '*', element: <Suspense fallback={<p>Chargement…</p>}>{ui}</Suspense> }], {
    initialEntries: [route],
    future: { v7_relativeSplatPath: true, v7_fetcherPersist: true, v7_normalizeFormMethod: true, v7_partialHydration: true, v7_skipActionErrorRevalidation: true },
  });
  return {
    client,
    router,
    ...render(
      <QueryClientProvider client={client}>
        <RouterProvider router={router} future={{ v7_startTransition: true }} />
      </QueryClientProvider>,
    ),
  };
}

type Handler = (init: RequestInit | undefined, url: string) => { status?: number; body: unknown };

/** Answers the front's fetch calls by path, and records them. */
export function serveApi(routes: Record<string, Handler>) {
  const calls: { url: string; method: string; body: unknown }[] = [];
  global.fetch = jest.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const path = url.split('?')[0];
    const method = init?.method ?? 'GET';
    calls.push({ url, method, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    const handler = routes[`${method} ${path}`];
    const { status = 200, body } = handler ? handler(init, url) : { status: 404, body: { error: { message: `pas de route ${method} ${path}` } } };
    // jsdom has no Response: the few members the api client reads are enough.
    return { ok: status >= 200 && status < 300, status, json: async () => body } as Response;
  }) as typeof fetch;
  return calls;
}
