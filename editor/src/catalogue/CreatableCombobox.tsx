import { useId, useMemo, useState, type KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';

interface ComboOption {
  id: string;
  name: string;
}

type Choice = { kind: 'pick'; id: string; name: string } | { kind: 'create'; name: string; variant?: string; label: string };

/** Names compare as a marketer reads them: surrounding spaces and letter case do not matter. */
export const sameName = (a: string, b: string) => a.trim().normalize('NFKC').toLowerCase() === b.trim().normalize('NFKC').toLowerCase();

/**
 * Type to filter; an existing name selects that entry, a new one offers 「「xxx」を作成」 (one per
 * `createVariants`, e.g. a field's kinds). Enter takes the highlighted choice, Escape closes.
 */
export function CreatableCombobox({ options, value, onPick, onCreate, createVariants, placeholder, testId, disabled, invalidLabel, busy }: {
  options: readonly ComboOption[];
  /** The chosen id, or '' / undefined for none (the input then shows the placeholder). */
  value?: string;
  onPick: (id: string) => void;
  /** Absent: the list only picks. */
  onCreate?: (name: string, variant?: string) => void;
  createVariants?: readonly { value: string; label: string }[];
  placeholder: string;
  testId: string;
  disabled?: boolean;
  /** Shown when `value` is an id the options lack (pasted from elsewhere). */
  invalidLabel?: string;
  busy?: boolean;
}) {
  const { t } = useTranslation();
  const listId = useId();
  const chosen = value ? options.find((o) => o.id === value) : undefined;
  const [text, setText] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const typed = text ?? '';

  const choices = useMemo<Choice[]>(() => {
    const query = typed.trim();
    const matching = options.filter((o) => !query || o.name.normalize('NFKC').toLowerCase().includes(query.normalize('NFKC').toLowerCase()));
    const picks: Choice[] = matching.slice(0, 50).map((o) => ({ kind: 'pick', id: o.id, name: o.name }));
    if (!onCreate || !query || options.some((o) => sameName(o.name, query))) return picks;
    const variants = createVariants ?? [{ value: '', label: '' }];
    const creates: Choice[] = variants.map((v) => ({
      kind: 'create', name: query, variant: v.value || undefined,
      label: v.label ? t('cat.picker.createAs', { name: query, kind: v.label }) : t('cat.picker.create', { name: query }),
    }));
    return [...creates, ...picks];
  }, [typed, options, onCreate, createVariants, t]);

  const take = (choice: Choice | undefined) => {
    if (!choice) return;
    if (choice.kind === 'pick') onPick(choice.id);
    else onCreate?.(choice.name, choice.variant);
    setText(null);
    setOpen(false);
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown') {
      event.preventDefault();
      setOpen(true);
      setActive((i) => Math.min(i + 1, choices.length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      // An exact name wins over the highlighted row: typing 「VIP」 + Enter picks VIP.
      const exact = options.find((o) => sameName(o.name, typed));
      take(exact ? { kind: 'pick', id: exact.id, name: exact.name } : choices[active]);
    } else if (event.key === 'Escape') {
      setText(null);
      setOpen(false);
    }
  };

  const shown = text ?? chosen?.name ?? (value ? invalidLabel ?? '' : '');
  return (
    <div className={`combo${value && !chosen ? ' invalid' : ''}`} data-testid={`${testId}-combo`}>
      <input
        role="combobox"
        aria-expanded={open}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-busy={busy || undefined}
        value={shown}
        placeholder={placeholder}
        disabled={disabled}
        maxLength={100}
        data-testid={testId}
        onFocus={() => { setOpen(true); setActive(0); }}
        onBlur={() => { setOpen(false); setText(null); }}
        onChange={(e) => { setText(e.target.value); setOpen(true); setActive(0); }}
        onKeyDown={onKeyDown}
      />
      {open && choices.length > 0 && (
        <ul className="combo-list" role="listbox" id={listId} data-testid={`${testId}-options`}>
          {choices.map((choice, index) => (
            <li
              key={choice.kind === 'pick' ? choice.id : `create-${choice.variant ?? ''}`}
              role="option"
              aria-selected={index === active}
              className={`${choice.kind === 'create' ? 'combo-create' : ''}${index === active ? ' active' : ''}`}
              data-testid={choice.kind === 'pick' ? `${testId}-option` : `${testId}-create${choice.variant ? `-${choice.variant}` : ''}`}
              // mousedown, not click: the input's blur would close the list first.
              onMouseDown={(e) => { e.preventDefault(); take(choice); }}
            >
              {choice.kind === 'pick' ? choice.name : choice.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
