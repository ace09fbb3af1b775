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
  migrations: {},
  label: 'node.scenarioControl.label',
  defaults: () => ({ action: 'start', scenarioId: '' }),
  outputs: () => [nextOutput(false)],
  pauses: false,
  acceptsInput: true,
  references: (data) => [{ kind: 'scenario', id: data.scenarioId }],
  summary(data, t, catalogue) {
    const name = nameOf(catalogue, 'scenario', data.scenarioId);
    return t(data.action === 'start' ? 'node.scenarioControl.start' : 'node.scenarioControl.stop', { name });
  },
};
