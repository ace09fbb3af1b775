import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiToken, ApiTokenRole, CreatedApiToken } from '@lsb/shared/api';
import { useResource } from '../api/useResource.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { accountsApi } from './api.ts';
import { FormError } from './AuthLayout.tsx';
import { useSubmit } from './formState.ts';
import { useAccountErrorText } from './useAccountErrorText.ts';
import { usePermission } from './usePermission.ts';

const TOKEN_ROLES: readonly ApiTokenRole[] = ['admin', 'editor', 'viewer'];

/** API tokens of the workspace: create (the secret shown once), list with last use, revoke. */
export function TokensPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const manage = usePermission(ws, 'manageTokens');
  const tokens = useResource(`tokens/${ws}`, () => (manage.allowed ? accountsApi.listTokens(ws) : Promise.resolve([])));
  const [created, setCreated] = useState<CreatedApiToken>();

  return (
    <section className="page" data-testid="tokens-page">
      <h2>{t('acct.tokens.title')}</h2>
      <p className="muted">{t('acct.tokens.intro')}</p>
      {!manage.allowed && <p className="muted role-reason" data-testid="tokens-readonly">{manage.reason}</p>}
      <CreateTokenForm ws={ws} disabledReason={manage.reason} onCreated={(c) => { setCreated(c); tokens.reload(); }} />
      {created && <CreatedSecret created={created} />}
      {tokens.error !== undefined && <ErrorMessage error={tokens.error} onRetry={tokens.reload} />}
      {tokens.data?.length === 0 && manage.allowed && <p className="muted">{t('acct.tokens.none')}</p>}
      {tokens.data && tokens.data.length > 0 && (
        <table className="data-table">
          <thead>
            <tr><th>{t('acct.tokens.name')}</th><th>{t('acct.tokens.role')}</th><th>{t('acct.tokens.createdBy')}</th><th>{t('acct.tokens.createdAt')}</th><th>{t('acct.tokens.lastUsed')}</th><th /></tr>
          </thead>
          <tbody>
            {tokens.data.map((token) => <TokenRow key={token.id} ws={ws} token={token} onRevoked={tokens.reload} />)}
          </tbody>
        </table>
      )}
    </section>
  );
}

function CreateTokenForm({ ws, disabledReason, onCreated }: { ws: string; disabledReason: string | undefined; onCreated: (c: CreatedApiToken) => void }) {
  const { t } = useTranslation();
  const errorText = useAccountErrorText();
  const [name, setName] = useState('');
  const [role, setRole] = useState<ApiTokenRole>('editor');
  const { busy, error, run } = useSubmit();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void run(async () => {
      onCreated(await accountsApi.createToken(ws, { name: name.trim(), role }));
      setName('');
    }, errorText);
  };
  return (
    <form className="inline-form" onSubmit={submit} data-testid="token-form">
      <fieldset disabled={disabledReason !== undefined} title={disabledReason}>
        <label>
          {t('acct.tokens.name')}
          <input value={name} onChange={(e) => setName(e.target.value)} required maxLength={100} data-testid="token-name" />
        </label>
        <label>
          {t('acct.tokens.role')}
          <select value={role} onChange={(e) => setRole(e.target.value as ApiTokenRole)} data-testid="token-role">
            {TOKEN_ROLES.map((r) => <option key={r} value={r}>{t(`acct.roles.${r}`)}</option>)}
          </select>
        </label>
        <button type="submit" className="primary" disabled={busy || !name.trim()} data-testid="token-create">{t('acct.tokens.create')}</button>
      </fieldset>
      <FormError text={error} />
    </form>
  );
}

function CreatedSecret({ created }: { created: CreatedApiToken }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  const copy = () => {
    navigator.clipboard?.writeText(created.secret).then(() => setCopied(true), () => undefined);
  };
  return (
    <div className="notice token-secret" data-testid="token-created">
      <p>{t('acct.tokens.created')}</p>
      <input readOnly value={created.secret} onFocus={(e) => e.target.select()} data-testid="token-secret" aria-label={created.token.name} />
      <button type="button" onClick={copy} data-testid="token-copy">{copied ? t('acct.tokens.copied') : t('acct.tokens.copy')}</button>
    </div>
  );
}

function TokenRow({ ws, token, onRevoked }: { ws: string; token: ApiToken; onRevoked: () => void }) {
  const { t, i18n } = useTranslation();
  const errorText = useAccountErrorText();
  const { busy, error, run } = useSubmit();
  const date = (iso: string) => new Date(iso).toLocaleString(i18n.language);
  const revoke = () => {
    if (!window.confirm(t('acct.tokens.revokeConfirm', { name: token.name }))) return;
    void run(async () => {
      await accountsApi.revokeToken(ws, token.id);
      onRevoked();
    }, errorText);
  };
  return (
    <tr data-testid="token-row" data-revoked={token.revokedAt !== null}>
      <td>{token.name} <code className="muted">{token.prefix}…</code></td>
      <td>{t(`acct.roles.${token.role}`)}</td>
      <td>{token.createdBy.name}</td>
      <td>{date(token.createdAt)}</td>
      <td data-testid="token-last-used">{token.lastUsedAt ? date(token.lastUsedAt) : t('acct.tokens.never')}</td>
      <td>
        {token.revokedAt ? (
          <span className="muted">{t('acct.tokens.revoked', { date: date(token.revokedAt) })}</span>
        ) : (
          <button type="button" onClick={revoke} disabled={busy} data-testid="token-revoke">{t('acct.tokens.revoke')}</button>
        )}
        <FormError text={error} />
      </td>
    </tr>
  );
}
