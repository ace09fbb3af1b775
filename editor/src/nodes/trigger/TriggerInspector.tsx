import type { InspectorProps } from '../../inspector/types.ts';
import { JsonDataEditor } from '../../inspector/JsonDataEditor.tsx';

export function TriggerInspector({ data, onChange }: InspectorProps<'trigger'>) {
  return <JsonDataEditor value={data} onChange={(v) => onChange(v as typeof data)} />;
}
