import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InflowRouteDetail } from '@lsb/shared/api';
import { CopyButton } from '../channels/CopyButton.tsx';

interface Props {
  route: InflowRouteDetail;
  tagCount: number;
  scenarioName: string | undefined;
  qrUrl: (format: 'png' | 'svg') => string;
  onEdit: (route: InflowRouteDetail) => void;
  onRemove: (route: InflowRouteDetail) => void;
  /** Why this role may not edit or remove routes; unset when it may. */
  lockedReason?: string | undefined;
}

/** One route: its URL to copy, its QR code to download, a summary of its actions. */
export const RouteCard = memo(function RouteCard({ route, tagCount, scenarioName, qrUrl, onEdit, onRemove, lockedReason }: Props) {
  const { t } = useTranslation();
  const [confirming, setConfirming] = useState(false);
  return (
    <li className="card route-card" data-testid="route-card" data-route-id={route.id}>
      <div className="row">
        <strong className="grow" data-testid="route-card-name">{route.name}</strong>
        <code className="muted small">{route.code}</code>
      </div>
      <p className="muted small" data-testid="route-card-summary">
        {t('inflow.summary', { tags: tagCount, scenario: scenarioName ?? t('inflow.noScenario'), repeat: t(route.actions.repeat === 'firstTimeOnly' ? 'inflow.firstTimeOnly' : 'inflow.everyTime') })}
      </p>
      <div className="row route-url">
        <input readOnly value={route.url} onFocus={(e) => e.target.select()} aria-label={t('inflow.url')} data-testid="route-url" className="grow" />
        <CopyButton text={route.url} testId="route-copy-url" />
      </div>
      <div className="row route-qr">
        <img src={qrUrl('svg')} alt={`${t('inflow.qr')}: ${route.name}`} width={96} height={96} data-testid="route-qr" />
        <a href={qrUrl('png')} download={`inflow-route-${route.code}.png`} data-testid="route-qr-png">{t('inflow.downloadPng')}</a>
        <a href={qrUrl('svg')} download={`inflow-route-${route.code}.svg`} data-testid="route-qr-svg">{t('inflow.downloadSvg')}</a>
      </div>
      <div className="row">
        <button type="button" onClick={() => onEdit(route)} disabled={lockedReason !== undefined} title={lockedReason} data-testid="route-edit">{t('inflow.editRoute')}</button>
        {confirming ? (
          <span className="confirm">
            {t('inflow.removeConfirm', { name: route.name })}
            <button type="button" className="danger" onClick={() => onRemove(route)} data-testid="route-remove-confirm">{t('inflow.confirm')}</button>
            <button type="button" onClick={() => setConfirming(false)}>{t('inflow.cancel')}</button>
          </span>
        ) : (
          <button type="button" className="danger" onClick={() => setConfirming(true)} disabled={lockedReason !== undefined} title={lockedReason} data-testid="route-remove">{t('inflow.remove')}</button>
        )}
      </div>
    </li>
  );
});
