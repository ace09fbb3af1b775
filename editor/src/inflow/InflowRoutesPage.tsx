import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RoleFieldset } from '../accounts/RoleFieldset.tsx';
import { usePermission } from '../accounts/usePermission.ts';
import type { InflowRouteDetail, SaveInflowRouteBody } from '@lsb/shared/api';
import { useResource } from '../api/useResource.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { httpInflowApi, type InflowApi } from './api.ts';
import { RouteCard } from './RouteCard.tsx';
import { RouteForm } from './RouteForm.tsx';
import { RouteReportView } from './RouteReportView.tsx';
import './inflow.css';

/** 流入経路: the routes with URL and QR, the form that creates or edits one, and the report. */
export function InflowRoutesPage({ ws, api = httpInflowApi }: { ws: string; api?: InflowApi }) {
  const { t } = useTranslation();
  const routes = useResource(ws, () => api.listRoutes(ws));
  const choices = useResource(ws, async () => {
    const [catalogue, channels] = await Promise.all([api.catalogue(ws), api.listChannels(ws)]);
    return { tags: catalogue.tags, scenarios: catalogue.scenarios, channels };
  });
  // Unset until the marketer picks dates: the runtime then reports the last 30 days of the workspace's zone.
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const report = useResource(`${ws}:${range.from ?? ''}:${range.to ?? ''}`, () => api.report(ws, range));
  const [editing, setEditing] = useState<InflowRouteDetail>();
  const [notice, setNotice] = useState<string>();
  const [actionError, setActionError] = useState<unknown>();
  const { reload } = routes;
  const edit = usePermission(ws, 'edit');
  const reloadReport = report.reload;

  const save = useCallback(async (body: SaveInflowRouteBody) => {
    const saved = editing ? await api.updateRoute(ws, editing.id, body) : await api.createRoute(ws, body);
    setNotice(t(editing ? 'inflow.saved' : 'inflow.created', { name: saved.name }));
    setEditing(undefined);
    reload();
    reloadReport();
  }, [api, ws, editing, reload, reloadReport, t]);
  const remove = useCallback((route: InflowRouteDetail) => {
    setActionError(undefined);
    api.deleteRoute(ws, route.id).catch(setActionError).finally(() => { reload(); reloadReport(); });
  }, [api, ws, reload, reloadReport]);

  const tagCount = (route: InflowRouteDetail) => route.actions.tagIds.length;
  const scenarioName = (route: InflowRouteDetail) => choices.data?.scenarios.find((s) => s.id === route.actions.scenarioId)?.name;

  return (
    <section className="page" data-testid="inflow-routes-page">
      <h2>{t('inflow.title')}</h2>
      <p className="muted">{t('inflow.intro')}</p>
      {routes.error !== undefined && <ErrorMessage error={routes.error} onRetry={reload} />}
      {choices.error !== undefined && <ErrorMessage error={choices.error} onRetry={choices.reload} />}
      {actionError !== undefined && <ErrorMessage error={actionError} />}
      {notice && <p className="info-banner" role="status" data-testid="route-notice">{notice}</p>}
      <div className="channels-layout">
        <ul className="channel-list" data-testid="route-list">
          {routes.data?.length === 0 && <li className="muted">{t('inflow.none')}</li>}
          {routes.data?.map((route) => (
            <RouteCard key={route.id} route={route} tagCount={tagCount(route)} scenarioName={scenarioName(route)}
              qrUrl={(format) => api.qrUrl(ws, route.id, format)} onEdit={setEditing} onRemove={remove} lockedReason={edit.reason} />
          ))}
        </ul>
        {choices.data && (
          <RoleFieldset ws={ws} testId="routes-readonly">
          <RouteForm key={editing?.id ?? 'new'} initial={editing} {...choices.data} onSubmit={save}
            onCancel={editing ? () => setEditing(undefined) : undefined} />
          </RoleFieldset>
        )}
      </div>
      <RouteReportView report={report.data} range={{ from: range.from ?? report.data?.from ?? '', to: range.to ?? report.data?.to ?? '' }} onRange={setRange} />
      {report.error !== undefined && <ErrorMessage error={report.error} onRetry={reloadReport} />}
    </section>
  );
}
