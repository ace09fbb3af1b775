import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/errors.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { BUNDLE_MAX_BYTES } from '@lsb/shared';
import type { TemplateDetail } from './api.ts';
import { useCategoryLabel } from './useCategoryLabel.ts';
import { svgSource } from './download.ts';
import { inspectBundle, type BundlePreview } from './inspectBundle.ts';
import { TemplateError } from './TemplateError.tsx';
import { useTemplatesApi } from './useTemplatesApi.ts';

/**
 * JSONから取り込む: pick a bundle file, see what it holds, then import it into the library. A bad
 * file is named with its problem (too large, not JSON, unknown or future version, dangling
 * references, …) and nothing is written.
 */
export function ImportBundleDialog({ ws, onClose, onImported }: { ws: string; onClose: () => void; onImported: (t: TemplateDetail) => void }) {
  const { t } = useTranslation();
  const api = useTemplatesApi();
  const categoryLabel = useCategoryLabel();
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [preview, setPreview] = useState<BundlePreview>();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);

  const choose = async (chosen: File | undefined) => {
    setPreview(undefined);
    setError(undefined);
    setFile(undefined);
    if (!chosen) return;
    // Far over the limit is refused before reading it all; the reader checks the exact size.
    const text = chosen.size > 2 * BUNDLE_MAX_BYTES ? '' : await chosen.text();
    const inspected = text === '' && chosen.size > 0
      ? { ok: false as const, code: 'bundle_too_large', params: { bytes: chosen.size, max: BUNDLE_MAX_BYTES } }
      : inspectBundle(text);
    if (!inspected.ok) return setError(new ApiError(400, inspected.code, inspected.code, inspected.params));
    setFile({ name: chosen.name, text });
    setPreview(inspected.preview);
  };
  const importIt = async () => {
    if (!file) return;
    setBusy(true);
    setError(undefined);
    try {
      onImported(await api.importBundle(ws, file.text));
      onClose();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog title={t('tpl.import.title')} onClose={onClose} testId="import-bundle-dialog" wide>
      <p className="muted">{t('tpl.import.intro')}</p>
      <input type="file" accept="application/json,.json" aria-label={t('tpl.import.file')} onChange={(e) => void choose(e.target.files?.[0])} data-testid="import-bundle-file" />
      {preview && (
        <div className="import-preview" data-testid="import-bundle-preview">
          <img className="template-picture" src={svgSource(preview.thumbnail)} alt={t('tpl.picture', { name: preview.name, count: preview.nodeCount })} />
          <dl>
            <dt>{t('tpl.fields.name')}</dt><dd data-testid="import-preview-name">{preview.name}</dd>
            {preview.description && <><dt>{t('tpl.fields.description')}</dt><dd>{preview.description}</dd></>}
            <dt>{t('tpl.fields.category')}</dt><dd>{categoryLabel(preview.category)}</dd>
            <dt>{t('tpl.import.templateVersion')}</dt><dd>{t('tpl.versionLabel', { version: preview.version })}</dd>
            <dt>{t('tpl.import.contents')}</dt>
            <dd data-testid="import-preview-contents">
              {t('tpl.referenceSummary', {
                nodes: preview.nodeCount, tags: preview.references.tags, fields: preview.references.fields,
                routes: preview.references.inflowRoutes, links: preview.references.links, scenarios: preview.references.scenarios,
              })}
            </dd>
            <dt>{t('tpl.import.format')}</dt>
            <dd data-testid="import-preview-format">{preview.migratedFrom === undefined ? t('tpl.import.currentFormat') : t('tpl.import.olderFormat', { version: preview.migratedFrom })}</dd>
          </dl>
        </div>
      )}
      {error !== undefined && <TemplateError error={error} testId="import-bundle-error" />}
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>{t('tpl.cancel')}</button>
        <button type="button" className="primary" disabled={!preview || busy} onClick={() => void importIt()} data-testid="import-bundle-submit">{t('tpl.import.submit')}</button>
      </div>
    </Dialog>
  );
}
