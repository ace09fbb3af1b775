import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversion } from '@lsb/shared/api';
import { RoleFieldset } from '../../accounts/RoleFieldset.tsx';
import { useResource } from '../../api/useResource.ts';
import { useLang } from '../../i18n/useLang.ts';
import { useMeasureApi } from '../api.ts';
import { formatYen } from '../format.ts';
import { MeasureError } from '../MeasureError.tsx';

const MONEY = /^\d{1,10}(\.\d{1,2})?$/;
const ORDER = /^[\x21-\x7e]{1,200}$/;

/** On the friend page: the friend's conversions, newest first, and recording one by hand. */
export function FriendConversions({ ws, friendId, timeZone }: { ws: string; friendId: string; timeZone: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const api = useMeasureApi();
  const points = useResource(`points/${ws}`, () => api.listPoints(ws));
  const list = useResource(`conversions/${ws}/${friendId}`, () => api.friendConversions(ws, friendId));
  const [pointId, setPointId] = useState('');
  const [value, setValue] = useState('');
  const [orderId, setOrderId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [notice, setNotice] = useState<string>();
  const [touched, setTouched] = useState(false);

  const valueError = value.trim() !== '' && !MONEY.test(value.trim()) ? t('measure.conv.valueInvalid') : undefined;
  const orderError = orderId.trim() !== '' && !ORDER.test(orderId.trim()) ? t('measure.friendConv.orderIdHint') : undefined;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!pointId || valueError || orderError) return;
    setBusy(true);
    setError(undefined);
    setNotice(undefined);
    api.recordManual(ws, friendId, {
      pointId,
      ...(value.trim() ? { value: Number(value.trim()) } : {}),
      ...(orderId.trim() ? { orderId: orderId.trim() } : {}),
    }).then((answer) => {
      setNotice(answer.duplicate ? t('measure.friendConv.duplicate') : t('measure.friendConv.recorded', { name: answer.conversion.name }));
      setValue('');
      setOrderId('');
      list.reload();
    }, setError).finally(() => setBusy(false));
  };
  const when = (at: string) => new Date(at).toLocaleString(lang === 'en' ? 'en-US' : 'ja-JP', { timeZone });
  const credited = (c: Conversion) => !c.attribution ? t('measure.friendConv.notAttributed')
    : t(c.attribution.kind === 'node' ? 'measure.friendConv.attributedNode' : 'measure.friendConv.attributedBroadcast', { via: t(`measure.friendConv.via.${c.attribution.via}`) });

  return (
    <section className="card" data-testid="friend-conversions">
      <h3>{t('measure.friendConv.title')}</h3>
      {list.error !== undefined && <MeasureError error={list.error} section="conv" onRetry={list.reload} />}
      {list.data?.conversions.length === 0 && <p className="muted" data-testid="friend-conversions-none">{t('measure.friendConv.none')}</p>}
      {list.data && list.data.conversions.length > 0 && (
        <table className="report-table">
          <thead><tr><th>{t('measure.friendConv.at')}</th><th>{t('measure.friendConv.name')}</th><th>{t('measure.friendConv.amount')}</th><th>{t('measure.friendConv.how')}</th><th>{t('measure.friendConv.attribution')}</th></tr></thead>
          <tbody>
            {list.data.conversions.map((c) => (
              <tr key={c.id} data-testid="friend-conversion" data-source={c.source}>
                <td>{when(c.at)}</td><td>{c.name}</td><td>{c.value === null ? '—' : t('measure.yen', { value: formatYen(c.value, lang) })}</td>
                <td>{t(`measure.friendConv.source.${c.source}`)}{c.orderId ? ` (${c.orderId})` : ''}</td><td>{credited(c)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <RoleFieldset ws={ws} testId="friend-conversions-readonly">
        <form onSubmit={submit} className="row" style={{ flexWrap: 'wrap', gap: 8, alignItems: 'flex-end' }} noValidate data-testid="friend-conversion-form">
          <strong>{t('measure.friendConv.record')}</strong>
          {points.data?.points.length === 0 && <span className="muted small">{t('measure.friendConv.noPoints')}</span>}
          <label>{t('measure.friendConv.point')}{' '}
            <select value={pointId} onChange={(e) => setPointId(e.target.value)} data-testid="friend-conversion-point">
              <option value="">{t('measure.friendConv.choose')}</option>
              {points.data?.points.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
            </select>
          </label>
          <label>{t('measure.friendConv.value')}{' '}
            <input inputMode="decimal" value={value} onChange={(e) => setValue(e.target.value)} style={{ width: 110 }} data-testid="friend-conversion-value" />
          </label>
          <label title={t('measure.friendConv.orderIdHint')}>{t('measure.friendConv.orderId')}{' '}
            <input value={orderId} maxLength={200} onChange={(e) => setOrderId(e.target.value)} style={{ width: 140 }} data-testid="friend-conversion-order" />
          </label>
          <button type="submit" className="primary" disabled={busy || !pointId} data-testid="friend-conversion-submit">{t('measure.friendConv.submit')}</button>
        </form>
        {touched && (valueError || orderError) && <p className="error" data-testid="friend-conversion-error">{valueError ?? orderError}</p>}
      </RoleFieldset>
      {notice && <p className="info-banner" role="status" data-testid="friend-conversion-notice">{notice}</p>}
      {error !== undefined && <MeasureError error={error} section="conv" />}
    </section>
  );
}
