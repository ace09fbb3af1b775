import type { InspectorProps } from '../../inspector/types.ts';
import { JsonDataEditor } from '../../inspector/JsonDataEditor.tsx';

export function EndInspector({ data, onChange }: InspectorProps<'end'>) {
  return <JsonDataEditor value={data} onChange={(v) => onChange(v as typeof data)} />;
}
