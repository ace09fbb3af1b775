import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useResource } from '../api/useResource.ts';
import { Link } from '../routing/Link.tsx';
import { paths } from '../routing/router.ts';
import { ErrorMessage } from '../shell/ErrorMessage.tsx';
import { useBroadcastsApi } from './BroadcastsApi.ts';
import { useBroadcastErrorText } from './useBroadcastErrorText.ts';

/** Who the testers are (each a link to the friend page that marks them) and a test-send to them of what is composed. */
export function TestSend({ ws, disabled, save }: {
  ws: string;
  disabled: boolean;
  /** Saves the draft as composed and gives its id, so the test shows what would go out. */
  save: () => Promise<string | undefined>;
}) {
  const { t } = useTranslation();
  const api = useBroadcastsApi();
  const errorText = useBroadcastErrorText();
  const testers = useResource(`testers:${ws}`, () => api.testers(ws));
  const [state, setState] = useState<{ busy?: boolean; sent?: string[]; problem?: string }>({});
  const list = testers.data?.testers ?? [];
  const name = (id: string) => list.find((f) => f.id === id)?.displayName ?? id;
  const send = async () => {
    setState({ busy: true });
    try {
      const id = await save();
      if (!id) return setState({});
      const { sentTo } = await api.testSend(ws, id);
      setState({ sent: sentTo });
    } catch (error) {
      setState({ problem: errorText(error) });
    }
  };
  return (
    <fieldset className="subsection bc-test" data-testid="bc-test">
      <legend>{t('bc.test.title')}</legend>
      {testers.error !== undefined && <ErrorMessage error={testers.error} onRetry={testers.reload} />}
      {testers.data && list.length === 0 && <p className="muted small" data-testid="bc-testers-none">{t('bc.test.none')}</p>}
      {list.length > 0 && (
        <p className="small" data-testid="bc-testers">
          {t('bc.test.testersLabel')}
          {list.map((f, i) => (
            <span key={f.id}>{i > 0 && '、'}<Link to={paths.friend(ws, f.id)} data-testid="bc-tester">{f.displayName || f.lineUserId}</Link></span>
          ))}
        </p>
      )}
      <p className="muted small">{t('bc.test.howTo')}</p>
      <button type="button" onClick={() => void send()} disabled={disabled || state.busy || list.length === 0} data-testid="bc-test-send">
        {state.busy ? t('bc.test.sending') : t('bc.test.send')}
      </button>
      {state.sent && <p role="status" data-testid="bc-test-sent">{t('bc.test.sent', { count: state.sent.length, names: state.sent.map(name).join('、') })}</p>}
      {state.problem && <p className="error" role="alert" data-testid="bc-test-problem">{state.problem}</p>}
    </fieldset>
  );
}
