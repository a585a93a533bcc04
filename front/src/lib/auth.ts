import type { Session } from '@charte/contract';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, tokenStore } from './api-client';

/** A message for the login page that survives the redirect (e.g. an expired session). */
export const SESSION_NOTICE_KEY = 'charte.notice';

export const authKeys = {
  session: ['session'] as const,
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
  };
}
