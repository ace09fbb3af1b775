/** How far a popup keeps from the window's edges. */
export const MENU_MARGIN = 8;

/**
 * Where a popup opened at a pointer goes so that all of it is inside the window: at the pointer
 * when it fits, otherwise pushed left / up, never past the top-left margin. A menu taller than the
 * window is capped (it scrolls inside).
 */
export function clampMenu(
  anchor: { x: number; y: number },
  size: { width: number; height: number },
  viewport: { width: number; height: number },
): { left: number; top: number; maxHeight: number } {
  const maxHeight = Math.max(0, viewport.height - 2 * MENU_MARGIN);
  const height = Math.min(size.height, maxHeight);
  const left = Math.max(MENU_MARGIN, Math.min(anchor.x, viewport.width - size.width - MENU_MARGIN));
  const top = Math.max(MENU_MARGIN, Math.min(anchor.y, viewport.height - height - MENU_MARGIN));
  return { left, top, maxHeight };
}
