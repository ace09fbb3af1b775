import { Value } from 'typebox/value';
import { InflowRouteActions } from '@lsb/shared/api';

export const NO_ACTIONS: InflowRouteActions = { tagIds: [], scenarioId: null, repeat: 'firstTimeOnly' };

/** The stored actions column, parsed on read: anything unreadable means "no actions". */
export function parseActions(value: unknown): InflowRouteActions {
  return Value.Check(InflowRouteActions, value) ? value : NO_ACTIONS;
}
