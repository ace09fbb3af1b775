import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from '../routing/Link.tsx';
import { accountsApi } from './api.ts';
import { AuthLayout, FormError } from './AuthLayout.tsx';
import { useSubmit } from './formState.ts';
import { accountPaths } from './paths.ts';
import { useAccountErrorText } from './useAccountErrorText.ts';

/** Asks for a reset link; the answer never tells whether the email has an account. */
export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const [email, setEmail] = useState('');
  const [sentTo, setSentTo] = useState<string>();
  const { busy, error, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      await accountsApi.requestReset({ email: email.trim() });
      setSentTo(email.trim());
    }, errorText);
  };

  return (
    <AuthLayout title={t('acct.forgot.title')} testId="forgot-page">
      {sentTo ? (
        <p className="notice" data-testid="forgot-sent">{t('acct.forgot.sent', { email: sentTo })}</p>
      ) : (
        <form className="auth-form" onSubmit={submit} noValidate>
          <p>{t('acct.forgot.intro')}</p>
          <label className="field">
            <span>{t('acct.email')}</span>
            <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required data-testid="forgot-email" />
          </label>
          <FormError text={error} />
          <button type="submit" className="primary" disabled={busy || !email.trim()} data-testid="forgot-submit">{t('acct.forgot.submit')}</button>
        </form>
      )}
      <p><Link to={accountPaths.login()}>{t('acct.forgot.back')}</Link></p>
    </AuthLayout>
  );
}
