import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useApi } from '../api/ApiContext.tsx';
import { isApiError } from '../api/errors.ts';
import { CreatableCombobox, sameName } from '../catalogue/CreatableCombobox.tsx';
import { useEditorEnv } from '../editor/EditorEnv.tsx';
import { FIELD_KINDS } from '../catalogue/fieldKinds.ts';
import type { FieldKind } from '../flow/language.ts';
import { useFlow, useFlowStoreApi } from '../store/FlowStoreContext.tsx';

/**
 * The editor's tag and field picker: choose by typing, or create a new one in place. A name that
 * exists (also one another tab created a moment ago) selects it instead of failing.
 */
export function CreatablePicker({ kind, value, onChange, fieldKinds, testId, emptyLabel }: {
  kind: 'tag' | 'field';
  value: string | undefined;
  onChange: (id: string) => void;
  fieldKinds?: readonly FieldKind[];
  testId: string;
  emptyLabel?: string;
}) {
  const { t } = useTranslation();
  const catalogue = useFlow((s) => s.catalogue);
  const store = useFlowStoreApi();
  const api = useApi();
  const { ws } = useEditorEnv();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string>();
  const all = kind === 'tag' ? catalogue?.tags ?? [] : catalogue?.fields ?? [];
  const options = kind === 'field' && fieldKinds ? (catalogue?.fields ?? []).filter((f) => fieldKinds.includes(f.kind)) : all;
  const kinds = kind === 'field' ? fieldKinds ?? FIELD_KINDS : undefined;

  const create = async (name: string, variant?: string) => {
    setBusy(true);
    setProblem(undefined);
    try {
      const fieldKind = (variant ?? kinds?.[0]) as FieldKind | undefined;
      let id: string | undefined;
      try {
        id = (await api.createCatalogueItem(ws, kind === 'tag' ? 'tags' : 'fields', { name, ...(fieldKind ? { kind: fieldKind } : {}) })).id;
      } catch (error) {
        if (!isApiError(error) || error.status !== 409) throw error;
      }
      const fresh = await api.getCatalogue(ws);
      store.getState().setCatalogue(fresh);
      const list: readonly { id: string; name: string; kind?: FieldKind }[] = kind === 'tag' ? fresh.tags : fresh.fields;
      const existing = id ? list.find((e) => e.id === id) : list.find((e) => sameName(e.name, name));
      if (!existing) throw new Error('missing');
      if (kinds && existing.kind && !kinds.includes(existing.kind)) {
        setProblem(t('cat.picker.otherKind', { name: existing.name }));
        return;
      }
      onChange(existing.id);
    } catch (error) {
      setProblem(isApiError(error) && error.status === 0 ? t('errors.network') : t('cat.picker.createFailed', { name }));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <CreatableCombobox
        options={options}
        value={value}
        onPick={onChange}
        onCreate={(name, variant) => void create(name, variant)}
        createVariants={kinds && kinds.length > 1 ? kinds.map((k) => ({ value: k, label: t(`cat.fieldKind.${k}`) })) : undefined}
        placeholder={emptyLabel ?? t(kind === 'tag' ? 'cat.picker.tagPlaceholder' : 'cat.picker.fieldPlaceholder')}
        invalidLabel={value ? t('insp.unknownRef', { id: value }) : undefined}
        testId={testId}
        busy={busy}
      />
      {problem && <span className="field-error" role="alert" data-testid={`${testId}-problem`}>{problem}</span>}
    </>
  );
}
