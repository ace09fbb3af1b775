import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { IMPORT_FILE_MAX_BYTES, type ImportRowError } from '@lsb/shared/api';
import { isApiError } from '../api/errors.ts';
import type { WorkspaceCatalogue } from '../api/types.ts';
import { Dialog } from '../shell/Dialog.tsx';
import { useErrorText } from '../shell/ErrorMessage.tsx';
import { useSegmentsApi, type FriendJob, type ImportPreview } from '../segments/SegmentsApi.ts';
import { JobProgress } from './JobProgress.tsx';

const MAX_MB = IMPORT_FILE_MAX_BYTES / 1024 / 1024;
const FILE_ERRORS = ['unknown_columns', 'missing_line_user_id_column', 'duplicate_columns', 'unreadable_encoding', 'file_too_large', 'body_too_large', 'empty_file', 'no_rows', 'malformed_csv'];

type Step =
  | { kind: 'choose'; problem?: string }
  | { kind: 'previewing' }
  | { kind: 'preview'; file: File; preview: ImportPreview }
  | { kind: 'job'; job: FriendJob; errors: ImportRowError[] }
  | { kind: 'ended'; job: FriendJob };

/** CSV import: choose a file, see what it would do (columns, first rows, every bad row), then apply the good rows with progress. */
export function ImportDialog({ ws, catalogue, onClose, onImported }: { ws: string; catalogue: WorkspaceCatalogue | undefined; onClose: () => void; onImported: () => void }) {
  const { t } = useTranslation();
  const api = useSegmentsApi();
  const errorText = useErrorText();
  const [step, setStep] = useState<Step>({ kind: 'choose' });
  const fileProblem = (error: unknown) => {
    if (!isApiError(error) || !FILE_ERRORS.includes(error.code)) return errorText(error);
    const d = (error.details ?? {}) as { fields?: string[]; tags?: string[]; columns?: string[]; line?: number };
    const names = [...(d.fields ?? []), ...(d.tags ?? []).map((n) => `タグ:${n}`), ...(d.columns ?? [])].join('、');
    return t(`ft.fileErrors.${error.code}`, { names, max: MAX_MB, line: d.line ?? 0 });
  };
  const choose = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > IMPORT_FILE_MAX_BYTES) return setStep({ kind: 'choose', problem: t('ft.tooLarge', { max: MAX_MB }) });
    setStep({ kind: 'previewing' });
    try {
      setStep({ kind: 'preview', file, preview: await api.previewImport(ws, file) });
    } catch (error) {
      setStep({ kind: 'choose', problem: fileProblem(error) });
    }
  };
  const start = async (file: File) => {
    try {
      const job = await api.startImport(ws, file);
      setStep({ kind: 'job', job, errors: job.errors });
    } catch (error) {
      setStep({ kind: 'choose', problem: fileProblem(error) });
    }
  };
  const onEnd = useCallback((job: FriendJob) => {
    setStep({ kind: 'ended', job });
    onImported();
  }, [onImported]);
  const nameOf = (id: string) => catalogue?.fields.find((f) => f.id === id)?.name ?? catalogue?.tags.find((tag) => tag.id === id)?.name ?? id;
  return (
    <Dialog title={t('ft.importTitle')} onClose={onClose} testId="import-dialog" wide>
      {step.kind === 'choose' && (
        <>
          <p className="small muted">{t('ft.importHelp', { max: MAX_MB })}</p>
          <input type="file" accept=".csv,text/csv" aria-label={t('ft.chooseFile')} onChange={(e) => void choose(e.target.files?.[0])} data-testid="import-file" />
          {step.problem && <p className="error" role="alert" data-testid="import-problem">{step.problem}</p>}
        </>
      )}
      {step.kind === 'previewing' && <p className="muted">{t('ft.previewing')}</p>}
      {step.kind === 'preview' && (
        <>
          <p data-testid="import-summary">{t('ft.previewSummary', { rows: step.preview.rows, valid: step.preview.valid, errors: step.preview.errorCount, encoding: step.preview.encoding === 'shift_jis' ? 'Shift_JIS' : 'UTF-8' })}</p>
          <h3>{t('ft.columnsTitle')}</h3>
          <ul className="plain-list small" data-testid="import-columns">
            {step.preview.columns.map((c) => <li key={c.header}>{c.header} — {t(`ft.roles.${c.role}`)}</li>)}
          </ul>
          {step.preview.sample.length > 0 && (
            <>
              <h3>{t('ft.sampleTitle')}</h3>
              <table className="scenario-table small" data-testid="import-sample">
                <tbody>
                  {step.preview.sample.map((r) => (
                    <tr key={r.line}>
                      <td>{r.line}</td>
                      <td>{r.displayName || r.lineUserId}</td>
                      <td>
                        {Object.entries(r.fields).map(([id, v]) => `${nameOf(id)}: ${String(v)}`).join(' / ')}
                        {r.addTagIds.map((id) => ` ＋${nameOf(id)}`).join('')}
                        {r.removeTagIds.map((id) => ` －${nameOf(id)}`).join('')}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </>
          )}
          <RowErrors errors={step.preview.errors} />
          <div className="row">
            <button type="button" className="primary" disabled={step.preview.valid === 0} onClick={() => void start(step.file)} data-testid="import-start">{t('ft.start', { valid: step.preview.valid })}</button>
            <button type="button" onClick={onClose}>{t('ft.cancel')}</button>
          </div>
        </>
      )}
      {step.kind === 'job' && <JobProgress ws={ws} job={step.job} onEnd={onEnd} />}
      {step.kind === 'ended' && (
        <>
          <JobProgress ws={ws} job={step.job} onEnd={() => undefined} />
          <RowErrors errors={step.job.errors} />
          <button type="button" onClick={onClose} data-testid="import-close">{t('ft.close')}</button>
        </>
      )}
    </Dialog>
  );
}

/** The per-row error report: line, LINE user id and what is wrong, in the reader's language. */
function RowErrors({ errors }: { errors: ImportRowError[] }) {
  const { t } = useTranslation();
  if (errors.length === 0) return null;
  return (
    <>
      <h3>{t('ft.errorsTitle')}</h3>
      <table className="scenario-table small" data-testid="import-errors">
        <thead><tr><th>{t('ft.line')}</th><th>LINE user ID</th><th>{t('ft.problem')}</th></tr></thead>
        <tbody>
          {errors.map((e) => (
            <tr key={`${e.line}-${e.code}`} data-testid="import-error-row" data-line={e.line}>
              <td>{e.line}</td>
              <td>{e.lineUserId}</td>
              <td>{t(`ft.rowErrors.${e.code}`, { column: e.column ?? '', value: e.value ?? '', otherLine: e.otherLine ?? '' })}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
