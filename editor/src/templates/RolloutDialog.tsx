import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Dialog } from '../shell/Dialog.tsx';
import type { ClonePreview, Rollout, TemplateDetail } from './api.ts';
import { MappingTable } from './MappingTable.tsx';
import { suggestedAnswers, toMapping, unmappedKeys, type Answers } from './mapping.ts';
import { RolloutProgress } from './RolloutProgress.tsx';
import { TemplateError } from './TemplateError.tsx';
import { useTemplatesApi } from './useTemplatesApi.ts';
import { useOrganizationWorkspaces } from './useTargets.ts';

interface TargetPlan {
  workspaceId: string;
  name: string;
  preview?: ClonePreview;
  error?: unknown;
  answers: Answers;
}

/**
 * 一括配信: publish one template version to several client workspaces at once. Each workspace
 * remembers its mapping, so only references it has not mapped before are asked; a workspace that
 * already holds a clone gets a new version of that scenario. Then the job's progress (cancel) and
 * the per-workspace results (retry).
 */
export function RolloutDialog({ ws, template, onClose }: {
  ws: string;
  template: TemplateDetail;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const api = useTemplatesApi();
  const { workspaces } = useOrganizationWorkspaces(ws);
  const [version, setVersion] = useState(template.latestVersion);
  const [chosen, setChosen] = useState<string[]>([]);
  const [plans, setPlans] = useState<TargetPlan[]>();
  const [rollout, setRollout] = useState<Rollout>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const toggle = (id: string, on: boolean) => setChosen((c) => (on ? [...c, id] : c.filter((x) => x !== id)));
  const prepare = async () => {
    setBusy(true);
    setError(undefined);
    // One preview per target workspace, asked of that workspace: its candidates and remembered mapping.
    const next = await Promise.all(chosen.map(async (id): Promise<TargetPlan> => {
      const name = workspaces.find((w) => w.id === id)?.name ?? id;
      try {
        const preview = await api.clonePreview(id, template.id, version);
        return { workspaceId: id, name, preview, answers: suggestedAnswers(preview.references.filter((r) => !r.remembered)) };
      } catch (e) {
        return { workspaceId: id, name, error: e, answers: {} };
      }
    }));
    setPlans(next);
    setBusy(false);
  };
  const asked = (plan: TargetPlan) => plan.preview?.references.filter((r) => !r.remembered) ?? [];
  const blocked = (plans ?? []).filter((p) => p.error === undefined && unmappedKeys(asked(p), p.answers).length > 0);
  const ready = (plans ?? []).filter((p) => p.error === undefined);
  const start = async () => {
    setBusy(true);
    setError(undefined);
    try {
      setRollout(await api.startRollout(ws, {
        templateId: template.id, version,
        targets: ready.map((p) => ({ workspaceId: p.workspaceId, mapping: toMapping(p.answers) })),
      }));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('tpl.rollout.title', { name: template.name })} onClose={onClose} testId="rollout-dialog" wide>
      {!plans && !rollout && (
        <div className="form-grid">
          <label>
            {t('tpl.rollout.version')}
            <select value={version} onChange={(e) => setVersion(Number(e.target.value))} data-testid="rollout-version">
              {[...template.versions].sort((a, b) => b.version - a.version).map((v) => (
                <option key={v.version} value={v.version}>{t('tpl.versionLabel', { version: v.version })}</option>
              ))}
            </select>
          </label>
          <fieldset className="plain-fieldset">
            <legend>{t('tpl.rollout.targets')}</legend>
            {workspaces.map((w) => (
              <label key={w.id} className="check-row" title={w.editable ? undefined : t('tpl.rollout.notEditable')}>
                <input type="checkbox" checked={chosen.includes(w.id)} disabled={!w.editable} onChange={(e) => toggle(w.id, e.target.checked)} data-testid="rollout-target" data-workspace-id={w.id} />
                {w.name}
                {!w.editable && <span className="muted small"> — {t('tpl.rollout.notEditable')}</span>}
              </label>
            ))}
          </fieldset>
        </div>
      )}
      {plans && !rollout && (
        <div data-testid="rollout-mapping">
          {plans.map((plan) => (
            <section key={plan.workspaceId} className="rollout-plan" data-testid="rollout-plan" data-workspace-id={plan.workspaceId}>
              <h3>{plan.name}</h3>
              {plan.error !== undefined && <TemplateError error={plan.error} />}
              {plan.preview?.existingClone && (
                <p className="muted" data-testid="rollout-updates">{t('tpl.rollout.updatesExisting', { name: plan.preview.existingClone.name, version: plan.preview.existingClone.templateVersion })}</p>
              )}
              {plan.preview && plan.preview.references.length > asked(plan).length && (
                <p className="muted" data-testid="rollout-remembered">{t('tpl.rollout.remembered', { count: plan.preview.references.length - asked(plan).length })}</p>
              )}
              {plan.preview && asked(plan).length === 0 && <p data-testid="rollout-nothing-to-map">{t('tpl.rollout.nothingToMap')}</p>}
              {plan.preview && asked(plan).length > 0 && (
                <MappingTable rows={asked(plan)} answers={plan.answers} testId={`mapping-${plan.workspaceId}`}
                  onChange={(key, answer) => setPlans((ps) => ps?.map((p) => (p.workspaceId === plan.workspaceId ? { ...p, answers: { ...p.answers, [key]: answer } } : p)))} />
              )}
            </section>
          ))}
          {blocked.length > 0 && (
            <p className="warn-banner" role="status" data-testid="rollout-blocked">{t('tpl.rollout.blocked', { workspaces: blocked.map((p) => p.name).join('、') })}</p>
          )}
        </div>
      )}
      {rollout && <RolloutProgress ws={ws} rollout={rollout} onChange={setRollout} />}
      {error !== undefined && <TemplateError error={error} />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose} data-testid="rollout-close">{rollout ? t('tpl.close') : t('tpl.cancel')}</button>
        {!plans && !rollout && (
          <button type="button" className="primary" disabled={chosen.length === 0 || busy} onClick={() => void prepare()} data-testid="rollout-next">{t('tpl.next')}</button>
        )}
        {plans && !rollout && (
          <>
            <button type="button" onClick={() => setPlans(undefined)}>{t('tpl.back')}</button>
            <button type="button" className="primary" disabled={busy || ready.length === 0 || blocked.length > 0} onClick={() => void start()} data-testid="rollout-start">
              {t('tpl.rollout.start', { count: ready.length })}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
