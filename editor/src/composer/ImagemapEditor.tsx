import { useTranslation } from 'react-i18next';
import type { ImagemapActionDraft, ImagemapArea, ImagemapDraft } from '@lsb/shared';
import { Field, NumberInput } from '../inspector/controls.tsx';

const WIDTH = 1040;

/** An area's action retyped, keeping where it is. */
function retype(action: ImagemapActionDraft, type: 'uri' | 'message'): ImagemapActionDraft {
  return type === 'uri' ? { type, linkUri: 'https://', area: action.area } : { type, text: '', area: action.area };
}

/** Imagemap: one image at width 1040 with tappable areas, each opening a link or sending a message. */
export function ImagemapEditor({ value, onChange }: { value: ImagemapDraft; onChange: (m: ImagemapDraft) => void }) {
  const { t } = useTranslation();
  const height = value.baseSize.height;
  const setActions = (actions: ImagemapActionDraft[]) => onChange({ ...value, actions });
  const setAction = (i: number, action: ImagemapActionDraft) => setActions(value.actions.map((a, j) => (j === i ? action : a)));
  const setArea = (i: number, key: keyof ImagemapArea, n: number) => {
    const action = value.actions[i];
    if (action) setAction(i, { ...action, area: { ...action.area, [key]: n } });
  };
  const split = () => setActions([
    { type: 'uri', linkUri: 'https://', area: { x: 0, y: 0, width: WIDTH / 2, height } },
    { type: 'uri', linkUri: 'https://', area: { x: WIDTH / 2, y: 0, width: WIDTH / 2, height } },
  ]);
  return (
    <>
      <Field label={t('media.imagemapBaseUrl')} hint={t('media.imagemapBaseUrlHint')}>
        <input value={value.baseUrl} onChange={(e) => onChange({ ...value, baseUrl: e.target.value })} data-testid="imagemap-base-url" />
      </Field>
      <Field label={t('composer.altText')} hint={t('composer.altTextHint')}>
        <input value={value.altText} onChange={(e) => onChange({ ...value, altText: e.target.value })} data-testid="imagemap-alt" />
      </Field>
      <Field label={t('media.imagemapHeight')}>
        <NumberInput value={height} min={1} onChange={(h) => onChange({ ...value, baseSize: { width: WIDTH, height: h } })} testId="imagemap-height" />
      </Field>
      <fieldset className="imagemap-areas" data-testid="imagemap-areas">
        <legend>{t('media.areas')}</legend>
        {value.actions.map((action, i) => (
          <div key={i} className="imagemap-area" data-testid="imagemap-area">
            <div className="row">
              <strong>{t('media.area', { n: i + 1 })}</strong>
              <span className="spacer" />
              <button type="button" onClick={() => setActions(value.actions.filter((_, j) => j !== i))} aria-label={t('insp.remove')} data-testid="imagemap-area-remove">×</button>
            </div>
            <div className="row small">
              {(['x', 'y', 'width', 'height'] as const).map((key) => (
                <label key={key} className="area-number">
                  {t(`media.area${key === 'x' ? 'X' : key === 'y' ? 'Y' : key === 'width' ? 'Width' : 'Height'}`)}
                  <NumberInput value={action.area[key]} min={key === 'x' || key === 'y' ? 0 : 1} onChange={(n) => setArea(i, key, n)} testId={`imagemap-area-${key}`} />
                </label>
              ))}
            </div>
            <div className="row">
              <select
                value={action.type === 'message' ? 'message' : 'uri'}
                aria-label={t('media.areaAction')}
                onChange={(e) => setAction(i, retype(action, e.target.value as 'uri' | 'message'))}
                data-testid="imagemap-area-type"
              >
                <option value="uri">{t('media.areaUri')}</option>
                <option value="message">{t('media.areaMessage')}</option>
              </select>
              {action.type === 'uri' && <input value={action.linkUri} onChange={(e) => setAction(i, { ...action, linkUri: e.target.value })} data-testid="imagemap-area-uri" />}
              {action.type === 'message' && <input value={action.text} onChange={(e) => setAction(i, { ...action, text: e.target.value })} data-testid="imagemap-area-text" />}
              {action.type === 'clipboard' && <input value={action.clipboardText} onChange={(e) => setAction(i, { ...action, clipboardText: e.target.value })} />}
            </div>
          </div>
        ))}
        <div className="row">
          <button type="button" onClick={() => setActions([...value.actions, { type: 'uri', linkUri: 'https://', area: { x: 0, y: 0, width: WIDTH, height } }])} data-testid="imagemap-area-add">
            ＋ {t('media.addArea')}
          </button>
          <button type="button" onClick={split} data-testid="imagemap-split">{t('media.splitAreas')}</button>
        </div>
      </fieldset>
    </>
  );
}
