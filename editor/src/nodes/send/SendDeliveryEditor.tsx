import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { describeWindows, type DeliveryWindowRule, type SendDelivery } from '@lsb/shared';
import { useTimingApi } from '../../api/timingApi.ts';
import { useEditorEnv } from '../../editor/EditorEnv.tsx';
import { useSharedT } from '../../i18n/useLang.ts';
import { DEFAULT_RULE, DeliveryWindowRules } from '../wait/DeliveryWindowEditor.tsx';

type Mode = SendDelivery['mode'];

/** When this send may go out: the workspace's 配信時間帯 (default), any time, or its own rules. */
export function SendDeliveryEditor({ value, onChange }: { value: SendDelivery | undefined; onChange: (d: SendDelivery | undefined) => void }) {
  const { t } = useTranslation();
  const mode: Mode = value?.mode ?? 'workspace';
  const choose = (next: Mode) => {
    if (next === 'workspace') onChange(undefined);
    else if (next === 'off') onChange({ mode: 'off' });
    else onChange({ mode: 'custom', windows: [DEFAULT_RULE] });
  };
  return (
    <fieldset className="subsection" data-testid="send-delivery">
      <legend>{t('timing.send.delivery')}</legend>
      {(['workspace', 'off', 'custom'] as const).map((m) => (
        <label key={m} className="check">
          <input type="radio" name="send-delivery" checked={mode === m} onChange={() => choose(m)} data-testid={`send-delivery-${m}`} />
          {t(`timing.send.${m}`)}
        </label>
      ))}
      {mode === 'workspace' && <WorkspaceWindows />}
      {value?.mode === 'custom' && (
        <DeliveryWindowRules value={value.windows} onChange={(windows: DeliveryWindowRule[]) => onChange({ mode: 'custom', windows })} />
      )}
    </fieldset>
  );
}

function WorkspaceWindows() {
  const { t } = useTranslation();
  const sharedT = useSharedT();
  const api = useTimingApi();
  const { ws } = useEditorEnv();
  const [windows, setWindows] = useState<DeliveryWindowRule[] | undefined>();
  useEffect(() => {
    let current = true;
    api.getWorkspace(ws).then((w) => current && setWindows(w.deliveryWindows ?? []), () => undefined);
    return () => {
      current = false;
    };
  }, [api, ws]);
  if (!windows) return null;
  return (
    <p className="muted small" data-testid="send-delivery-workspace">
      {windows.length ? t('timing.send.workspaceNow', { windows: describeWindows(windows, sharedT) }) : t('timing.send.workspaceNone')}
    </p>
  );
}
