import type { InspectorProps } from '../../inspector/types.ts';
import { JsonDataEditor } from '../../inspector/JsonDataEditor.tsx';

export function SendInspector({ data, onChange }: InspectorProps<'send'>) {
  return <JsonDataEditor value={data} onChange={(v) => onChange(v as typeof data)} />;
}
