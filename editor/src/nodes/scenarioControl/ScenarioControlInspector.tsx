import type { InspectorProps } from '../../inspector/types.ts';
import { JsonDataEditor } from '../../inspector/JsonDataEditor.tsx';

export function ScenarioControlInspector({ data, onChange }: InspectorProps<'scenarioControl'>) {
  return <JsonDataEditor value={data} onChange={(v) => onChange(v as typeof data)} />;
}
