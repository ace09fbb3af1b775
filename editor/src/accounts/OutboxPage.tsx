import { useTranslation } from 'react-i18next';
import { useResource } from '../api/useResource.ts';
import { accountsApi } from './api.ts';
import { FormError } from './AuthLayout.tsx';
import { useAccountErrorText } from './useAccountErrorText.ts';

/** Without SMTP_URL every mail the product sends lands here, for the installation's operator. */
export function OutboxPage() {
  const { t, i18n } = useTranslation();
  const errorText = useAccountErrorText();
  const outbox = useResource('outbox', () => accountsApi.outbox());
  return (
    <section className="page" data-testid="outbox-page">
      <div className="page-head">
        <h2>{t('acct.outbox.title')}</h2>
        <button type="button" onClick={outbox.reload} data-testid="outbox-reload">{t('errors.retry')}</button>
      </div>
      {outbox.error !== undefined && <FormError text={errorText(outbox.error)} />}
      {outbox.data && <p className="muted">{t(outbox.data.smtpConfigured ? 'acct.outbox.smtp' : 'acct.outbox.intro')}</p>}
      {outbox.data?.messages.length === 0 && <p className="muted">{t('acct.outbox.none')}</p>}
      <ul className="plain-list outbox-list">
        {outbox.data?.messages.map((m) => (
          <li key={m.id} className="outbox-mail" data-testid="outbox-mail" data-kind={m.kind} data-to={m.to}>
            <div>
              <span className="badge">{t(`acct.outbox.kinds.${m.kind}`)}</span> <strong>{m.subject}</strong>
              <span className="muted"> · {new Date(m.createdAt).toLocaleString(i18n.language)}</span>
            </div>
            <div className="muted">{t('acct.outbox.to')}: {m.to}</div>
            <pre className="outbox-text">{m.text}</pre>
            <a href={m.link} data-testid="outbox-link">{t('acct.outbox.open')}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
