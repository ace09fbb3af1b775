import { useTranslation } from 'react-i18next';

/** A password input with the rule beside it (12 characters, not a common one). */
export function PasswordField({ label, value, onChange, testId, autoComplete, hint = true }: {
  label: string;
  value: string;
  onChange: (value: string) => void;
  testId: string;
  autoComplete: 'current-password' | 'new-password';
  hint?: boolean;
}) {
  const { t } = useTranslation();
  return (
    <label className="field">
      <span>{label}</span>
      <input type="password" value={value} onChange={(e) => onChange(e.target.value)} autoComplete={autoComplete} data-testid={testId} required maxLength={256} />
      {hint && <small className="muted">{t('acct.passwordHint')}</small>}
    </label>
  );
}
