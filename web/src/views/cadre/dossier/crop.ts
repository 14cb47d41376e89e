// The photo crop (任免审批表 photo, 376×460): the image is placed in a fixed frame at `scale`
// with its top-left corner at (x, y) in frame pixels, always covering the whole frame.
export const FRAME_WIDTH = 376
export const FRAME_HEIGHT = 460

export interface Placement {
  scale: number
  x: number
  y: number
}

// The smallest scale at which the image covers the frame.
export function coverScale(width: number, height: number): number {
  return Math.max(FRAME_WIDTH / width, FRAME_HEIGHT / height)
}

// Keeps the image covering the frame (no empty band on any side).
export function clampPlacement(p: Placement, width: number, height: number): Placement {
  const scale = Math.max(p.scale, coverScale(width, height))
  const minX = FRAME_WIDTH - width * scale
  const minY = FRAME_HEIGHT - height * scale
  return {
    scale,
    x: Math.min(0, Math.max(minX, p.x)),
    y: Math.min(0, Math.max(minY, p.y)),
  }
}

// The start: covering, centred.
export function initialPlacement(width: number, height: number): Placement {
  const scale = coverScale(width, height)
  return { scale, x: (FRAME_WIDTH - width * scale) / 2, y: (FRAME_HEIGHT - height * scale) / 2 }
}

// A new scale keeping the point under the frame's centre in place.
export function zoomTo(p: Placement, scale: number, width: number, height: number): Placement {
  const cx = FRAME_WIDTH / 2
  const cy = FRAME_HEIGHT / 2
  const ix = (cx - p.x) / p.scale
  const iy = (cy - p.y) / p.scale
  return clampPlacement({ scale, x: cx - ix * scale, y: cy - iy * scale }, width, height)
}

export function moveBy(p: Placement, dx: number, dy: number, width: number, height: number): Placement {
  return clampPlacement({ scale: p.scale, x: p.x + dx, y: p.y + dy }, width, height)
}

// The part of the image the frame shows, in image pixels (for drawImage's source rectangle).
export function sourceRect(p: Placement): { sx: number; sy: number; sw: number; sh: number } {
  return { sx: -p.x / p.scale, sy: -p.y / p.scale, sw: FRAME_WIDTH / p.scale, sh: FRAME_HEIGHT / p.scale }
}
