import { useState } from 'react';
import { PASSWORD_MIN_LENGTH } from '@lsb/shared/api';

/** A query parameter of the current address (mail links carry their token as `?token=`). */
export function queryParam(name: string): string | null {
  return new URLSearchParams(window.location.search).get(name);
}

/** Where log-in returns to: only a path of this app, never another site. */
export function safeNext(next: string | null): string {
  return next && next.startsWith('/') && !next.startsWith('//') ? next : '/';
}

/** The current address as a `next` for log-in. */
export function here(): string {
  return window.location.pathname + window.location.search;
}

/** The part of a new password the browser can check before sending; commonness is the server's. */
export function passwordProblem(password: string, confirm?: string): 'acct.errors.too_short' | 'acct.passwordMismatch' | undefined {
  if (password.length < PASSWORD_MIN_LENGTH) return 'acct.errors.too_short';
  if (confirm !== undefined && confirm !== password) return 'acct.passwordMismatch';
  return undefined;
}

/** Busy flag and error of one submitting form. */
export function useSubmit() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const run = async (work: () => Promise<void>, describe: (e: unknown) => string) => {
    setBusy(true);
    setError(undefined);
    try {
      await work();
    } catch (e) {
      setError(describe(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, setError, run };
}
