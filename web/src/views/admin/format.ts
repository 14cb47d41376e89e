// RFC 3339 UTC → "2026-11-27 14:35:02" in Asia/Shanghai.
export function shanghai(value: string): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  const local = new Date(date.getTime() + 8 * 3600 * 1000)
  return local.toISOString().slice(0, 19).replace('T', ' ')
}

// A server error's field → the form item it belongs to ('' when none matches: shown above the form).
export function formItemFor(field: string | undefined, items: string[]): string {
  if (!field) return ''
  return items.includes(field) ? field : ''
}
