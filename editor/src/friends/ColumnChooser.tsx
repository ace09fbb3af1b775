import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceCatalogue } from '../api/types.ts';

export interface Columns { fieldIds: string[]; tagIds: string[] }

const storageKey = (ws: string) => `lsb:friends-columns:${ws}`;

/** The chosen field and tag columns, remembered per workspace in this browser. */
export function useColumns(ws: string): [Columns, (c: Columns) => void] {
  const [columns, setColumns] = useState<Columns>(() => {
    try {
      const saved = JSON.parse(localStorage.getItem(storageKey(ws)) ?? 'null') as Columns | null;
      if (saved && Array.isArray(saved.fieldIds) && Array.isArray(saved.tagIds)) return saved;
    } catch { /* a broken entry means the default */ }
    return { fieldIds: [], tagIds: [] };
  });
  const set = (c: Columns) => {
    setColumns(c);
    try { localStorage.setItem(storageKey(ws), JSON.stringify(c)); } catch { /* private mode: not remembered */ }
  };
  return [columns, set];
}

export function ColumnChooser({ catalogue, value, onChange }: { catalogue: WorkspaceCatalogue | undefined; value: Columns; onChange: (c: Columns) => void }) {
  const { t } = useTranslation();
  const toggle = (list: 'fieldIds' | 'tagIds', id: string) => onChange({
    ...value, [list]: value[list].includes(id) ? value[list].filter((x) => x !== id) : [...value[list], id],
  });
  return (
    <details className="column-chooser" data-testid="friends-columns">
      <summary>{t('ft.columns')}</summary>
      <div className="subsection">
        {catalogue?.fields.map((f) => (
          <label key={f.id} className="check small">
            <input type="checkbox" checked={value.fieldIds.includes(f.id)} onChange={() => toggle('fieldIds', f.id)} data-testid="column-field" data-name={f.name} />
            {f.name}
          </label>
        ))}
        {catalogue?.tags.map((tag) => (
          <label key={tag.id} className="check small">
            <input type="checkbox" checked={value.tagIds.includes(tag.id)} onChange={() => toggle('tagIds', tag.id)} data-testid="column-tag" data-name={tag.name} />
            {t('ft.tagsColumn')}: {tag.name}
          </label>
        ))}
      </div>
    </details>
  );
}
