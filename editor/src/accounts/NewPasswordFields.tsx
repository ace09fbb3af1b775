import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { passwordProblem } from './formState.ts';
import { PasswordField } from './PasswordField.tsx';

/** A new password typed twice: its value, and the problem (a translation key) to show before sending. */
export function useNewPassword() {
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  return { password, setPassword, confirm, setConfirm, problem: () => passwordProblem(password, confirm) };
}

/** The two fields of `useNewPassword`, test ids `<testIdPrefix>-password` and `<testIdPrefix>-confirm`. */
export function NewPasswordFields({ state, label, testIdPrefix }: { state: ReturnType<typeof useNewPassword>; label: string; testIdPrefix: string }) {
  const { t } = useTranslation();
  return (
    <>
      <PasswordField label={label} value={state.password} onChange={state.setPassword} autoComplete="new-password" testId={`${testIdPrefix}-password`} />
      <PasswordField label={t('acct.passwordConfirm')} value={state.confirm} onChange={state.setConfirm} autoComplete="new-password" testId={`${testIdPrefix}-confirm`} hint={false} />
    </>
  );
}
