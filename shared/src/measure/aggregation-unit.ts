/*
 * LINE's customAggregationUnit names for our sends (insight API: impressions, unique opens and
 * clicks per unit). Every send node and every broadcast carries one; a send node may name its own
 * (`SendData.aggregationUnit`), which wins. Derived names depend only on ids that never change, so a
 * node keeps its unit across versions and republishing, and LINE's figures for it keep adding up.
 *
 * The rule, once (LINE allows `[a-zA-Z0-9_]`, 1 to 30 characters):
 * - send node: `s` + the last 12 hex digits of the scenario id + `_` + the node part, where the node
 *   part is the node id itself when it is 1–16 letters and digits, else its first 9 letters and
 *   digits + `_` + a 6-character hash of the whole node id. The two forms cannot meet (only the
 *   second has a `_`), and the last 12 hex digits are the random part of a v4 or v7 UUID.
 * - broadcast: `b_` + the last 28 hex digits of the broadcast id (all its occurrences share it).
 */

import { fnv1a } from '../text/fnv1a.ts';

/** LINE's pattern for a unit name. */
export const AGGREGATION_UNIT_PATTERN = /^[a-zA-Z0-9_]{1,30}$/;

const hexOf = (id: string) => id.toLowerCase().replace(/[^0-9a-f]/g, '');

/** FNV-1a (32 bit) in base 36, 6 characters: enough to keep a scenario's node ids apart. */
const shortHash = (text: string): string => (fnv1a(text) % 36 ** 6).toString(36).padStart(6, '0');

/** The unit a send node's sends carry when the node names none. */
export function sendAggregationUnit(scenarioId: string, nodeId: string): string {
  const scenario = hexOf(scenarioId).slice(-12).padStart(12, '0');
  const node = /^[a-zA-Z0-9]{1,16}$/.test(nodeId)
    ? nodeId
    : `${nodeId.replace(/[^a-zA-Z0-9]/g, '').slice(0, 9)}_${shortHash(nodeId)}`;
  return `s${scenario}_${node}`;
}

/** The unit every recipient send of a broadcast carries (test-sends carry none). */
export function broadcastAggregationUnit(broadcastId: string): string {
  return `b_${hexOf(broadcastId).slice(-28).padStart(28, '0')}`;
}

/** The unit a send node's sends carry: its own, else the derived one. */
export function effectiveSendUnit(scenarioId: string, nodeId: string, explicit: string | undefined): string {
  return explicit ?? sendAggregationUnit(scenarioId, nodeId);
}
