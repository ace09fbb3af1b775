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

/** The kind colours of styles/editor.css, for the minimap (which draws in SVG, not with CSS classes). */
export const KIND_COLORS: Record<NodeType, string> = {
  trigger: '#06c755',
  wait: '#3f7be0',
  waitForEvent: '#6a5acd',
  branch: '#e08a00',
  tag: '#8b5cf6',
  send: '#00a3a3',
  randomSplit: '#d9467a',
  setField: '#7a6c5d',
  scenarioControl: '#2b8a3e',
  end: '#5f6b7a',
};
