import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePermission } from '../accounts/usePermission.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useBroadcastsApi } from './BroadcastsApi.ts';

/** On a friend's page: whether broadcast test-sends go to this friend. */
export function TesterToggle({ ws, friendId, isTester }: { ws: string; friendId: string; isTester: boolean }) {
  const { t } = useTranslation();
  const api = useBroadcastsApi();
  const edit = usePermission(ws, 'edit');
  const [value, setValue] = useState(isTester);
  const [state, setState] = useState<{ busy?: boolean; error?: unknown; notice?: string }>({});
  const change = async (tester: boolean) => {
    // Shown at once; put back if the runtime refuses.
    setValue(tester);
    setState({ busy: true });
    try {
      const result = await api.setTester(ws, friendId, tester);
      setValue(result.isTester);
      setState({ notice: t(result.isTester ? 'bc.tester.saved' : 'bc.tester.removed') });
    } catch (error) {
      setValue(!tester);
      setState({ error });
    }
  };
  return (
    <div className="form-field bc-tester-toggle" data-testid="friend-tester">
      <label className="check" title={edit.reason}>
        <input type="checkbox" checked={value} disabled={!edit.allowed || state.busy} onChange={(e) => void change(e.target.checked)} data-testid="friend-tester-toggle" />
        {t('bc.tester.label')}
      </label>
      {state.notice && <span className="muted small" role="status" data-testid="friend-tester-notice"> {state.notice}</span>}
      {state.error !== undefined && <ErrorMessage error={state.error} />}
    </div>
  );
}
