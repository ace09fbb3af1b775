import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatIssue, type FlowIssue } from '@lsb/shared';
import { useApi } from '../api/ApiContext.tsx';
import { isApiError } from '../api/errors.ts';
import type { ScenarioApi } from '../api/ScenarioApi.ts';
import type { PublishPreview, VersionSummary } from '../api/types.ts';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { describeNode } from '../flow/describe.ts';
import { parseFlowGraph, type FlowNode } from '../flow/language.ts';
import { useSharedT } from '../i18n/useLang.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { toFlowNode } from '../store/convert.ts';
import { useFlowStoreApi } from '../store/FlowStoreContext.tsx';

/** Saves, then shows what publishing would change and who is mid-run, before publishing. */
export function PublishDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const st = useSharedT();
  const api = useApi();
  const { ws, scenarioId, autosave } = useEditorEnv();
  const store = useFlowStoreApi();
  const [preview, setPreview] = useState<PublishPreview>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  const [removedNodes, setRemovedNodes] = useState<FlowNode[]>([]);

  useEffect(() => {
    let current = true;
    autosave
      .flush()
      .then(() => api.publishPreview(ws, scenarioId))
      .then((p) => {
        if (!current) return;
        setPreview(p);
        // Removed nodes exist only in the last version, so that is where their names come from.
        if (p.changes.removed.length > 0) void lastVersionNodes(api, ws, scenarioId).then((nodes) => current && setRemovedNodes(nodes));
      }, (e: unknown) => current && setError(e));
    return () => { current = false; };
  }, [api, ws, scenarioId, autosave]);

  const name = (id: string) => {
    const s = store.getState();
    const node = s.nodes.find((n) => n.id === id);
    if (node) return describeNode(toFlowNode(node), s.catalogue, st);
    const removed = removedNodes.find((n) => n.id === id);
    return removed ? describeNode(removed, s.catalogue, st) : id;
  };
  const publish = async () => {
    setBusy(true);
    try {
      await autosave.flush();
      const { version } = await api.publish(ws, scenarioId);
      const s = store.getState();
      if (s.scenario) s.setScenario({ ...s.scenario, publishedVersion: version, state: s.scenario.state === 'archived' ? 'active' : s.scenario.state });
      s.showNotice({ tone: 'info', key: 'publish.done', params: { version } });
      onClose();
    } catch (e) {
      if (isApiError(e) && e.code === 'invalid_graph' && Array.isArray(e.details) && preview) setPreview({ ...preview, issues: e.details as PublishPreview['issues'] });
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  const issues = preview?.issues ?? [];
  const midRunTotal = preview?.midRun.reduce((sum, m) => sum + m.count, 0) ?? 0;
  return (
    <Dialog title={t('publish.title')} onClose={onClose} testId="publish-dialog" wide>
      {error !== undefined && <ErrorMessage error={error} />}
      {!preview && error === undefined && <p className="muted">{t('app.loading')}</p>}
      {preview && (
        <div className="publish-preview">
          <h4>{t('publish.changes')}</h4>
          <ChangeList label={t('publish.added')} ids={preview.changes.added} name={name} testId="publish-added" />
          <ChangeList label={t('publish.changed')} ids={preview.changes.changed} name={name} testId="publish-changed" />
          <ChangeList label={t('publish.removed')} ids={preview.changes.removed} name={name} testId="publish-removed" />
          {preview.changes.added.length + preview.changes.changed.length + preview.changes.removed.length === 0 && <p className="muted">{t('publish.noChanges')}</p>}
          <h4>{t('publish.midRun', { count: midRunTotal })}</h4>
          <ul data-testid="publish-midrun">
            {preview.midRun.filter((m) => m.count > 0).map((m) => (
              <li key={m.nodeId}>{t('publish.midRunAt', { node: name(m.nodeId), count: m.count })}</li>
            ))}
          </ul>
          {midRunTotal > 0 && <p className="muted">{t('publish.midRunHint')}</p>}
          {issues.length > 0 && (
            <div className="error-banner column" data-testid="publish-issues">
              <strong>{t('publish.blocked', { count: issues.length })}</strong>
              <ul>{issues.map((i, n) => <li key={n}>{formatIssue(i as FlowIssue, st)}</li>)}</ul>
            </div>
          )}
        </div>
      )}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('scenarios.cancel')}</button>
        <button type="button" className="primary" disabled={!preview || issues.length > 0 || busy} onClick={() => void publish()} data-testid="publish-confirm">
          {t('publish.confirm')}
        </button>
      </div>
    </Dialog>
  );
}

async function lastVersionNodes(api: ScenarioApi, ws: string, scenarioId: string): Promise<FlowNode[]> {
  try {
    const latest = (await api.listVersions(ws, scenarioId)).reduce<VersionSummary | undefined>((a, v) => (!a || v.version > a.version ? v : a), undefined);
    if (!latest) return [];
    const parsed = parseFlowGraph((await api.getVersion(ws, scenarioId, latest.id)).graph);
    return parsed.ok ? parsed.graph.nodes : [];
  } catch {
    return []; // names are a nicety; ids still identify the nodes
  }
}

function ChangeList({ label, ids, name, testId }: { label: string; ids: string[]; name: (id: string) => string; testId: string }) {
  if (ids.length === 0) return null;
  return (
    <div data-testid={testId}>
      <strong>{label} ({ids.length})</strong>
      <ul>{ids.map((id) => <li key={id}>{name(id)}</li>)}</ul>
    </div>
  );
}
