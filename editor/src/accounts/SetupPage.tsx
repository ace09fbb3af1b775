import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { navigate, paths } from '../routing/router.ts';
import { accountsApi } from './api.ts';
import { AuthLayout, FormError } from './AuthLayout.tsx';
import { passwordProblem, useSubmit } from './formState.ts';
import { PasswordField } from './PasswordField.tsx';
import { adoptSession } from './session.ts';
import { useAccountErrorText } from './useAccountErrorText.ts';

/** First run on an empty installation: the owner's account, who then owns the demo workspace. */
export function SetupPage() {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organizationName, setOrganizationName] = useState('');
  const { busy, error, setError, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(password);
    if (problem) return setError(t(problem));
    void run(async () => {
      const session = await accountsApi.signup({ name: name.trim(), email: email.trim(), password, ...(organizationName.trim() ? { organizationName: organizationName.trim() } : {}) });
      adoptSession(session);
      navigate(paths.home(), { replace: true });
    }, errorText);
  };

  return (
    <AuthLayout title={t('acct.setup.title')} testId="setup-page">
      <p>{t('acct.setup.intro')}</p>
      <form className="auth-form" onSubmit={submit} noValidate>
        <label className="field">
          <span>{t('acct.name')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} autoComplete="name" required maxLength={100} data-testid="setup-name" />
        </label>
        <label className="field">
          <span>{t('acct.email')}</span>
          <input type="email" value={email} onChange={(e) => setEmail(e.target.value)} autoComplete="email" required data-testid="setup-email" />
        </label>
        <PasswordField label={t('acct.password')} value={password} onChange={setPassword} autoComplete="new-password" testId="setup-password" />
        <label className="field">
          <span>{t('acct.setup.organization')}</span>
          <input value={organizationName} onChange={(e) => setOrganizationName(e.target.value)} maxLength={100} data-testid="setup-organization" />
          <small className="muted">{t('acct.setup.organizationHint')}</small>
        </label>
        <FormError text={error} />
        <button type="submit" className="primary" disabled={busy || !name.trim() || !email.trim()} data-testid="setup-submit">{t('acct.setup.submit')}</button>
      </form>
    </AuthLayout>
  );
}
