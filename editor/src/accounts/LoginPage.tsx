import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../routing/Link.tsx';
import { navigate } from '../routing/router.ts';
import { accountsApi } from './api.ts';
import { AuthLayout, FormError } from './AuthLayout.tsx';
import { queryParam, safeNext, useSubmit } from './formState.ts';
import { PasswordField } from './PasswordField.tsx';
import { accountPaths } from './paths.ts';
import { adoptSession } from './session.ts';
import { useAccountErrorText } from './useAccountErrorText.ts';

/** Log-in; afterwards back to `?next=` (where a 401 interrupted the person), else home. */
export function LoginPage({ expired }: { expired: boolean }) {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const { busy, error, run } = useSubmit();
  const reset = queryParam('reset') === '1';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      const session = await accountsApi.login({ email: email.trim(), password });
      const next = safeNext(queryParam('next'));
      adoptSession(session);
      navigate(next, { replace: true });
    }, errorText);
  };

  return (
    <AuthLayout title={t('acct.login.title')} testId="login-page">
      {expired && <p className="notice" data-testid="login-expired">{t('acct.login.expired')}</p>}
      {reset && <p className="notice" data-testid="login-after-reset">{t('acct.login.afterReset')}</p>}
      <form className="auth-form" onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('acct.email')}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="username" required data-testid="login-email" />
        </label>
        <PasswordField label={t('acct.password')} value={password} onChange={setPassword} autoComplete="current-password" testId="login-password" hint={false} />
        <FormError text={error} />
        <button type="submit" className="primary" disabled={busy || !email.trim() || !password} data-testid="login-submit">{t('acct.login.submit')}</button>
      </form>
      <p><Link to={accountPaths.forgotPassword()} data-testid="login-forgot">{t('acct.login.forgot')}</Link></p>
    </AuthLayout>
  );
}
