import type { NodeType } from '../flow/language.ts';

/** Plain symbols that render without an emoji font (the CI browser has none). */
export const KIND_ICONS: Record<NodeType, string> = {
  trigger: '▶',
  wait: '◷',
  waitForEvent: '◎',
  branch: '◇',
  tag: '#',
  send: '✉',
  randomSplit: '⚄',
  setField: '✎',
  scenarioControl: '↻',
  end: '■',
};
