import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import type { FieldKind } from '../flow/language.ts';
import { CreatableCombobox } from '../catalogue/CreatableCombobox.tsx';
import type { ReferenceRow } from './api.ts';
import type { Answer, Answers } from './mapping.ts';

/**
 * Every tag, field, route, link and scenario the template refers to, each with its answer: an
 * existing entry of the workspace (the combobox lists only compatible ones: a field only of the
 * same kind and choices), 「新規作成」 under the template's name or a typed one, or 「あとで」.
 */
export function MappingTable({ rows, answers, onChange, testId = 'mapping' }: {
  rows: readonly ReferenceRow[];
  answers: Answers;
  onChange: (key: string, answer: Answer) => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (rows.length === 0) return <p className="muted" data-testid={`${testId}-none`}>{t('tpl.map.none')}</p>;
  return (
    <table className="scenario-table mapping-table" data-testid={`${testId}-table`}>
      <thead>
        <tr>
          <th>{t('tpl.map.kind')}</th>
          <th>{t('tpl.map.inTemplate')}</th>
          <th>{t('tpl.map.inWorkspace')}</th>
          <th>{t('tpl.map.state')}</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <MappingRow key={row.key} row={row} answer={answers[row.key] ?? { action: 'later' }} onChange={(a) => onChange(row.key, a)} />
        ))}
      </tbody>
    </table>
  );
}

function MappingRow({ row, answer, onChange }: { row: ReferenceRow; answer: Answer; onChange: (a: Answer) => void }) {
  const { t } = useTranslation();
  const picked = answer.action === 'existing' ? row.candidates.find((c) => c.id === answer.targetId) : undefined;
  const state = answer.action === 'existing' ? (picked ? 'existing' : 'later') : answer.action;
  return (
    <tr data-testid="mapping-row" data-key={row.key} data-kind={row.kind} data-state={state}>
      <td>{t(`refKind.${row.kind}`)}</td>
      <td>
        <strong data-testid="mapping-source">{row.name}</strong>
        <div className="muted small">{detail(row, t)}</div>
      </td>
      <td>
        <CreatableCombobox
          options={row.candidates}
          value={picked?.id ?? ''}
          placeholder={answer.action === 'create' ? t('tpl.map.createPlaceholder', { name: answer.name ?? row.name }) : t('tpl.map.choose')}
          onPick={(id) => onChange({ action: 'existing', targetId: id })}
          // A field is created with the template's kind and choices; a new name keeps that kind.
          onCreate={(name) => onChange({ action: 'create', name })}
          testId="mapping-target"
        />
        <div className="mapping-actions">
          <button type="button" className="link-button" onClick={() => onChange({ action: 'create' })} disabled={answer.action === 'create' && answer.name === undefined} data-testid="mapping-create">
            {t('tpl.map.createNew')}
          </button>
          <button type="button" className="link-button" onClick={() => onChange({ action: 'later' })} disabled={state === 'later'} data-testid="mapping-later">
            {t('tpl.map.later')}
          </button>
        </div>
      </td>
      <td data-testid="mapping-state">
        {state === 'existing' && <span className="status status-published">{t('tpl.map.mapped', { name: picked!.name })}</span>}
        {state === 'create' && answer.action === 'create' && <span className="status status-draft">{t('tpl.map.willCreate', { name: answer.name ?? row.name })}</span>}
        {state === 'later' && <span className="status status-paused">{t('tpl.map.unmapped')}</span>}
        {row.remembered && <div className="muted small">{t('tpl.map.remembered')}</div>}
      </td>
    </tr>
  );
}

function detail(row: ReferenceRow, t: TFunction): string {
  if (row.kind === 'field' && row.fieldKind) {
    const kind = t(`cat.fieldKind.${row.fieldKind as FieldKind}`);
    return row.choices && row.choices.length > 0 ? t('tpl.map.fieldWithChoices', { kind, choices: row.choices.join('・') }) : kind;
  }
  if (row.kind === 'tag' && row.folder) return t('tpl.map.inFolder', { folder: row.folder });
  if (row.kind === 'link' && row.url) return row.url;
  return '';
}
