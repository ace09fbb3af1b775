import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageSwitch } from '../shell/LanguageSwitch.tsx';

/** The frame of the pages seen before log-in: the product's name, the language, one card. */
export function AuthLayout({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  const { t } = useTranslation();
  return (
    <div className="auth-page" data-testid={testId}>
      <div className="auth-card">
        <div className="auth-head">
          {/* The product name stays in Japanese: it is the brand. */}
          <h1 className="brand">シナリオビルダー</h1>
          <LanguageSwitch />
        </div>
        <p className="muted">{t('acct.brandLead')}</p>
        <h2>{title}</h2>
        {children}
      </div>
    </div>
  );
}

/** A form's failure, said in words (role="alert" so screen readers announce it). */
export function FormError({ text }: { text: string | undefined }) {
  if (!text) return null;
  return <p className="form-error" role="alert" data-testid="form-error">{text}</p>;
}
