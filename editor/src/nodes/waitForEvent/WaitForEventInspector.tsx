import type { InspectorProps } from '../../inspector/types.ts';
import { JsonDataEditor } from '../../inspector/JsonDataEditor.tsx';

export function WaitForEventInspector({ data, onChange }: InspectorProps<'waitForEvent'>) {
  return <JsonDataEditor value={data} onChange={(v) => onChange(v as typeof data)} />;
}
