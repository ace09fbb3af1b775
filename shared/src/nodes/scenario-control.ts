import { Type, type Static } from 'typebox';
import { nameOf } from '../graph/catalogue.ts';
import { Id } from '../graph/primitives.ts';
import { nextOutput, type NodeKindDefinition } from './kind.ts';

/** Starts the friend in another scenario (its re-entry policy applies) or stops their run there. */
export const ScenarioControlData = Type.Object({
  action: Type.Union([Type.Literal('start'), Type.Literal('stop')]),
  scenarioId: Id,
});
export type ScenarioControlData = Static<typeof ScenarioControlData>;

export const scenarioControlKind: NodeKindDefinition<'scenarioControl', ScenarioControlData> = {
  type: 'scenarioControl',
  dataSchema: ScenarioControlData,
  label: { ja: 'シナリオ操作', en: 'Start or stop scenario' },
  defaults: () => ({ action: 'start', scenarioId: '' }),
  outputs: () => [nextOutput(false)],
  pauses: false,
  acceptsInput: true,
  references: (data) => [{ kind: 'scenario', id: data.scenarioId }],
  summary(data, catalogue) {
    const name = nameOf(catalogue, 'scenario', data.scenarioId);
    return data.action === 'start'
      ? { ja: `シナリオ「${name}」を開始`, en: `Start scenario "${name}"` }
      : { ja: `シナリオ「${name}」を停止`, en: `Stop scenario "${name}"` };
  },
};
