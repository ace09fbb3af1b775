import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SendData } from '@lsb/shared';
import type { MessageCaps } from '@lsb/shared/api';
import { useTimingApi } from '../../api/timingApi.ts';
import { useEditorEnv } from '../../editor/EditorEnv.tsx';

type CapFields = Pick<SendData, 'alwaysDeliver' | 'overCap'>;
const CHOICE_LABELS = { hold: 'caps.send.hold', skip: 'caps.send.skip' } as const;

/**
 * The send at the workspace's message cap (配信上限): always deliver (transactional), or what to do
 * for a friend who has reached it: wait at this node until allowed (the default) or skip. The
 * defaults are written as absent, so a node left alone stays as graphs before caps were.
 */
export function SendCapEditor({ value, onChange }: { value: CapFields; onChange: (next: CapFields) => void }) {
  const { t } = useTranslation();
  const always = value.alwaysDeliver === true;
  const overCap = value.overCap ?? 'hold';
  const emit = (next: { always: boolean; overCap: 'hold' | 'skip' }) =>
    onChange({ ...(next.always ? { alwaysDeliver: true } : {}), ...(next.overCap === 'skip' ? { overCap: 'skip' as const } : {}) });
  return (
    <fieldset className="subsection" data-testid="send-cap">
      <legend>{t('caps.send.legend')}</legend>
      <WorkspaceCaps />
      <label className="check">
        <input type="checkbox" checked={always} onChange={(e) => emit({ always: e.target.checked, overCap })} data-testid="send-cap-always" />
        {t('caps.send.always')}
      </label>
      <p className="muted small">{t('caps.send.alwaysHint')}</p>
      <fieldset className="plain-fieldset" disabled={always}>
        <p className="small">{t('caps.send.overCap')}</p>
        {(['hold', 'skip'] as const).map((choice) => (
          <label key={choice} className="check">
            <input type="radio" name="send-cap-over" checked={overCap === choice} onChange={() => emit({ always, overCap: choice })} data-testid={`send-cap-${choice}`} />
            {t(CHOICE_LABELS[choice])}
          </label>
        ))}
      </fieldset>
    </fieldset>
  );
}

/** The workspace's caps as they are now, so the choice above reads in context. */
function WorkspaceCaps() {
  const { t } = useTranslation();
  const api = useTimingApi();
  const { ws } = useEditorEnv();
  const [caps, setCaps] = useState<MessageCaps | undefined>();
  useEffect(() => {
    let current = true;
    api.getWorkspace(ws).then((w) => current && setCaps(w.messageCaps), () => undefined);
    return () => {
      current = false;
    };
  }, [api, ws]);
  if (!caps) return null;
  const limits = [
    ...(caps.perDay !== null ? [t('caps.limitDay', { n: caps.perDay })] : []),
    ...(caps.perWeek !== null ? [t('caps.limitWeek', { n: caps.perWeek })] : []),
  ];
  return <p className="muted small" data-testid="send-cap-workspace">{limits.length ? t('caps.current', { limits: limits.join('・') }) : t('caps.currentNone')}</p>;
}
