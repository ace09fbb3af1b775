import { useTranslation } from 'react-i18next';
import { linkOnlyUri, linkPlaceholder, type QuickReplyAction, type TemplateAction } from '@lsb/shared';
import { LinkPicker } from './LinkPicker.tsx';

type AnyAction = TemplateAction | QuickReplyAction;
const TEMPLATE_TYPES = ['message', 'postback', 'uri'] as const;
const QUICK_TYPES = ['message', 'postback', 'uri', 'camera', 'cameraRoll', 'location'] as const;

function retype(a: AnyAction, type: AnyAction['type']): AnyAction {
  const label = a.label;
  switch (type) {
    case 'message': return { type, label, text: label };
    case 'postback': return { type, label, data: '' };
    case 'uri': return { type, label, uri: 'https://' };
    default: return { type, label };
  }
}

/** Buttons of a template or quick reply: label, what tapping does, and its value. */
export function ActionsEditor<A extends AnyAction>({ actions, onChange, max, min = 0, quick = false, testId }: {
  actions: A[];
  onChange: (actions: A[]) => void;
  max: number;
  min?: number;
  quick?: boolean;
  testId: string;
}) {
  const { t } = useTranslation();
  const set = (i: number, a: AnyAction) => onChange(actions.map((x, j) => (j === i ? (a as A) : x)));
  return (
    <div className="actions-editor" data-testid={testId}>
      {actions.map((a, i) => (
        <div className="row action" key={i} data-testid="action-row">
          <input value={a.label} placeholder={t('composer.label')} onChange={(e) => set(i, { ...a, label: e.target.value })} className="short" aria-label={t('composer.label')} />
          <select value={a.type} onChange={(e) => set(i, retype(a, e.target.value as AnyAction['type']))} aria-label={t('composer.actionType')}>
            {(quick ? QUICK_TYPES : TEMPLATE_TYPES).map((type) => <option key={type} value={type}>{t(`composer.actions.${type}`)}</option>)}
          </select>
          {a.type === 'message' && <input className="grow" value={a.text} onChange={(e) => set(i, { ...a, text: e.target.value })} aria-label={t('composer.actions.message')} />}
          {a.type === 'postback' && <input className="grow" value={a.data} onChange={(e) => set(i, { ...a, data: e.target.value })} aria-label={t('composer.actions.postback')} />}
          {a.type === 'uri' && (
            <>
              <input className="grow" value={a.uri} onChange={(e) => set(i, { ...a, uri: e.target.value })} aria-label={t('composer.actions.uri')} />
              {/* A tracked link as the button's URI: each friend's tap is counted. */}
              <LinkPicker value={linkOnlyUri(a.uri) ?? ''} emptyLabel={t('composer.trackedLink')} onPick={(id) => set(i, { ...a, uri: linkPlaceholder(id) })} testId="action-link" />
            </>
          )}
          <button type="button" onClick={() => onChange(actions.filter((_, j) => j !== i))} disabled={actions.length <= min} aria-label={t('insp.remove')}>×</button>
        </div>
      ))}
      {actions.length < max && (
        <button type="button" onClick={() => onChange([...actions, { type: 'message', label: t('composer.newButton'), text: t('composer.newButton') } as A])} data-testid={`${testId}-add`}>
          ＋ {t('composer.addButton')}
        </button>
      )}
    </div>
  );
}
