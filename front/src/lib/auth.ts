import type { Session, SsoProviders, SsoSession } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, tokenStore } from './api-client';

/** A message for the login page that survives the redirect (e.g. an expired session). */
export const SESSION_NOTICE_KEY = 'charte.notice';

/** The directory a session was opened with, for its logout to end the session there too. */
const SSO_PROVIDER_KEY = 'charte.sso';

export const authKeys = {
  session: ['session'] as const,
  ssoProviders: ['sso-providers'] as const,
};

export function useSession() {
  return useQuery({
    queryKey: authKeys.session,
    queryFn: async () => (tokenStore.get() ? (await api<{ data: Session }>('/api/session')).data : null),
    staleTime: 5 * 60_000,
    retry: false,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (credentials: { identifier: string; password: string }) => {
      const result = await api<{ jwt: string }>('/api/auth/local', { method: 'POST', json: credentials });
      tokenStore.set(result.jwt);
      localStorage.removeItem(SSO_PROVIDER_KEY);
      sessionStorage.removeItem(SESSION_NOTICE_KEY);
      return result;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.session }),
  });
}

/** The directories of config/sso.yaml: one « Se connecter avec … » button each on the login page. */
export function useSsoProviders() {
  return useQuery({
    queryKey: authKeys.ssoProviders,
    queryFn: async () => (await api<{ data: SsoProviders }>('/api/sso/providers')).data,
    staleTime: Infinity,
    retry: false,
  });
}

/**
 * Back from the directory's login page: the outcome of the sign-in, kept by the server in a cookie
 * of its own and read once — the same JWT as a password login, or the French refusal.
 */
export function useSsoSignIn() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const result = await api<SsoSession>('/api/sso/session', { method: 'POST' });
      tokenStore.set(result.jwt);
      localStorage.setItem(SSO_PROVIDER_KEY, result.provider);
      sessionStorage.removeItem(SESSION_NOTICE_KEY);
      return result;
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: authKeys.session }),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return () => {
    tokenStore.clear();
    queryClient.clear();
    queryClient.setQueryData(authKeys.session, null);
    // Opened through a directory: its session ends there too (RP-initiated logout), then back here.
    const provider = localStorage.getItem(SSO_PROVIDER_KEY);
    if (provider) {
      localStorage.removeItem(SSO_PROVIDER_KEY);
      window.location.assign(`/api/sso/${encodeURIComponent(provider)}/logout`);
    }
  };
}
