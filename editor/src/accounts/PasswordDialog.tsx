import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { setCsrfToken } from '../api/authHooks.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { accountsApi } from './api.ts';
import { FormError } from './AuthLayout.tsx';
import { passwordProblem, useSubmit } from './formState.ts';
import { PasswordField } from './PasswordField.tsx';
import { useAccountErrorText } from './useAccountErrorText.ts';

/** Password change: other sessions end, this one is rotated (so it takes the new CSRF token). */
export function PasswordDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [done, setDone] = useState(false);
  const { busy, error, setError, run } = useSubmit();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const problem = passwordProblem(next, confirm);
    if (problem) return setError(t(problem));
    void run(async () => {
      const { csrfToken } = await accountsApi.changePassword({ currentPassword: current, newPassword: next });
      setCsrfToken(csrfToken);
      setDone(true);
    }, errorText);
  };

  return (
    <Dialog title={t('acct.passwordChange.title')} onClose={onClose} testId="password-dialog">
      {done ? (
        <p className="notice" data-testid="password-changed">{t('acct.passwordChange.done')}</p>
      ) : (
        <form className="auth-form" onSubmit={submit} noValidate>
          <PasswordField label={t('acct.passwordChange.current')} value={current} onChange={setCurrent} autoComplete="current-password" testId="password-current" hint={false} />
          <PasswordField label={t('acct.passwordChange.next')} value={next} onChange={setNext} autoComplete="new-password" testId="password-next" />
          <PasswordField label={t('acct.passwordConfirm')} value={confirm} onChange={setConfirm} autoComplete="new-password" testId="password-confirm" hint={false} />
          <FormError text={error} />
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>{t('acct.passwordChange.cancel')}</button>
            <button type="submit" className="primary" disabled={busy || !current} data-testid="password-submit">{t('acct.passwordChange.submit')}</button>
          </div>
        </form>
      )}
      {done && <div className="dialog-actions"><button type="button" onClick={onClose}>{t('errors.dismiss')}</button></div>}
    </Dialog>
  );
}
