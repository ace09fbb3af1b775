import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { windowIssues, type DeliveryWindowRule } from '@lsb/shared';
import { isApiError } from '../api/errors.ts';
import { useTimingApi } from '../api/timingApi.ts';
import { DeliveryWindowRules } from '../nodes/wait/DeliveryWindowEditor.tsx';
import { MessageCapsSettings } from '../caps/MessageCapsSettings.tsx';
import type { MessageCaps } from '@lsb/shared/api';

/**
 * Workspace settings: the default 配信時間帯 every scenario send keeps to (a send node can opt out),
 * and the message cap (配信上限, caps/MessageCapsSettings.tsx).
 * A list with a mistake is not sent at all, and the runtime refuses one whole too: nothing half-saved.
 */
export function SettingsPage({ ws }: { ws: string }) {
  const { t } = useTranslation();
  const api = useTimingApi();
  const manage = usePermission(ws, 'manageSettings');
  const [rules, setRules] = useState<DeliveryWindowRule[] | undefined>();
  const [caps, setCaps] = useState<MessageCaps | undefined>();
  const [status, setStatus] = useState<{ kind: 'saved' } | { kind: 'error'; message: string } | { kind: 'fix' } | undefined>();

  useEffect(() => {
    let current = true;
    api.getWorkspace(ws).then((w) => {
      if (!current) return;
      setRules(w.deliveryWindows ?? []);
      setCaps(w.messageCaps ?? { perDay: null, perWeek: null });
    }, (e: unknown) => current && setStatus({ kind: 'error', message: String((e as Error).message) }));
    return () => {
      current = false;
    };
  }, [api, ws]);

  const save = async () => {
    if (!rules) return;
    if (windowIssues(rules).length) return setStatus({ kind: 'fix' });
    try {
      const saved = await api.saveDeliveryWindows(ws, rules);
      setRules(saved.deliveryWindows);
      setStatus({ kind: 'saved' });
    } catch (error) {
      setStatus(isApiError(error) && error.code === 'invalid_delivery_windows' ? { kind: 'fix' } : { kind: 'error', message: String((error as Error).message) });
    }
  };

  return (
    <section className="page" data-testid="settings-page">
      <h2>{t('timing.settings.title')}</h2>
      <h3>{t('timing.settings.windowsTitle')}</h3>
      <p className="muted">{t('timing.settings.windowsHint')}</p>
      {!manage.allowed && <p className="muted role-reason" data-testid="settings-readonly">{manage.reason}</p>}
      {rules && (
        <fieldset className="plain-fieldset" disabled={!manage.allowed} title={manage.reason}>
          {rules.length === 0 && <p className="muted" data-testid="settings-windows-none">{t('timing.window.none')}</p>}
          <DeliveryWindowRules value={rules} onChange={(next) => { setRules(next); setStatus(undefined); }} />
          <div className="row">
            <button type="button" className="primary" onClick={() => void save()} data-testid="settings-save">{t('timing.settings.save')}</button>
          </div>
        </fieldset>
      )}
      {status?.kind === 'saved' && <p className="info-banner" role="status" data-testid="settings-saved">{t('timing.settings.saved')}</p>}
      {status?.kind === 'fix' && <p className="error" role="alert" data-testid="settings-fix">{t('timing.settings.fixFirst')}</p>}
      {status?.kind === 'error' && <p className="error" role="alert">{t('timing.settings.saveFailed', { message: status.message })}</p>}
      {caps && <MessageCapsSettings ws={ws} initial={caps} />}
    </section>
  );
}
