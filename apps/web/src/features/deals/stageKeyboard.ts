// Keyboard moves on the board go one stage per arrow press (instead of dnd-kit's default of 25
// pixels), so a keyboard user reaches "Proposal" with two presses, not forty.
import type { KeyboardCoordinateGetter } from '@dnd-kit/core';

export const stageKeyboardCoordinates: KeyboardCoordinateGetter = (
  event,
  { context, currentCoordinates },
) => {
  if (event.code !== 'ArrowRight' && event.code !== 'ArrowLeft') return undefined;
  event.preventDefault();
  const rects = [...context.droppableRects.values()].filter(Boolean).sort((a, b) => a.left - b.left);
  const here = currentCoordinates.x;
  const next =
    event.code === 'ArrowRight'
      ? rects.find((r) => r.left > here + 1)
      : [...rects].reverse().find((r) => r.left + r.width < here + 1);
  return next ? { x: next.left + 8, y: Math.max(currentCoordinates.y, next.top + 8) } : currentCoordinates;
};
