import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/errors.ts';
import { Link } from '../routing/Link.tsx';
import { navigate } from '../routing/router.ts';
import { accountsApi } from './api.ts';
import { AuthLayout, FormError } from './AuthLayout.tsx';
import { queryParam, useSubmit } from './formState.ts';
import { NewPasswordFields, useNewPassword } from './NewPasswordFields.tsx';
import { accountPaths } from './paths.ts';
import { useAccountErrorText } from './useAccountErrorText.ts';

/** The page a reset mail links to (`/reset-password?token=…`): a new password, then log-in. */
export function ResetPasswordPage() {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const [token] = useState(() => queryParam('token'));
  const newPassword = useNewPassword();
  const [deadLink, setDeadLink] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = newPassword.problem();
    if (problem) return setError(t(problem));
    void run(async () => {
      try {
        await accountsApi.resetPassword({ token: token ?? '', newPassword: newPassword.password });
      } catch (e) {
        // An expired, used or unknown link cannot be fixed on this page: offer a new one.
        if (isApiError(e) && e.code.startsWith('token_')) setDeadLink(true);
        throw e;
      }
      navigate(`${accountPaths.login()}?reset=1`, { replace: true });
    }, errorText);
  };

  return (
    <AuthLayout title={t('acct.reset.title')} testId="reset-page">
      {!token ? (
        <p className="form-error" role="alert" data-testid="form-error">{t('acct.reset.noToken')}</p>
      ) : (
        <form className="auth-form" onSubmit={submit} noValidate>
          <NewPasswordFields state={newPassword} label={t('acct.passwordChange.next')} testIdPrefix="reset" />
          <FormError text={error} />
          <button type="submit" className="primary" disabled={busy || deadLink} data-testid="reset-submit">{t('acct.reset.submit')}</button>
        </form>
      )}
      {(!token || deadLink) && <p><Link to={accountPaths.forgotPassword()} data-testid="reset-again">{t('acct.reset.again')}</Link></p>}
    </AuthLayout>
  );
}
