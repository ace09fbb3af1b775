import { useEffect } from 'react';
import type { FlowStore } from '../store/createFlowStore.ts';
import { copySelection, pasteText, type PendingPaste } from './clipboardActions.ts';

/**
 * Typing in a form field keeps the browser's own undo, delete and clipboard; while a dialog is
 * open the canvas behind it must not change either.
 */
function isEditable(target: EventTarget | null): boolean {
  if (document.querySelector('[role="dialog"]')) return true;
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/**
 * Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z (or Ctrl+Y) redo, Delete/Backspace delete, Ctrl/⌘+A select
 * all; copy and paste use the browser's own copy/paste events so no clipboard permission is needed.
 */
export function useShortcuts(store: FlowStore, onPendingPaste: (pending: PendingPaste) => void): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (isEditable(e.target) || store.getState().readOnly) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.toLowerCase();
      const s = store.getState();
      if (mod && key === 'z' && !e.shiftKey) s.undo();
      else if (mod && ((key === 'z' && e.shiftKey) || key === 'y')) s.redo();
      else if (mod && key === 'a') s.selectAll();
      else if (!mod && (e.key === 'Delete' || e.key === 'Backspace')) s.deleteSelection();
      else return;
      e.preventDefault();
    };
    const onCopy = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !e.clipboardData) return;
      const text = copySelection(store);
      if (text === undefined) return;
      e.clipboardData.setData('text/plain', text);
      e.preventDefault();
    };
    const onPaste = (e: ClipboardEvent) => {
      if (isEditable(e.target) || !e.clipboardData) return;
      const text = e.clipboardData.getData('text/plain');
      if (!text) return;
      e.preventDefault();
      const pending = pasteText(store, text);
      if (pending) onPendingPaste(pending);
    };
    window.addEventListener('keydown', onKeyDown);
    document.addEventListener('copy', onCopy);
    document.addEventListener('paste', onPaste);
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      document.removeEventListener('copy', onCopy);
      document.removeEventListener('paste', onPaste);
    };
  }, [store, onPendingPaste]);
}
