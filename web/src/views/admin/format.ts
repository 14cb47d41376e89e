import type { Ref } from 'vue'
import { ApiError } from '../../api/http'

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

// Shows a failed save on its form: an ApiError's message under the item its field names (one of
// `items`; `aliases` maps other field names onto items, e.g. unit_code → unit_id), else in the
// alert above the form; any other error shows `fallback` there.
export function showServerError(
  error: unknown,
  form: { items: string[]; errors: Record<string, string>; alert: Ref<string> },
  fallback: string,
  aliases: Record<string, string> = {},
): void {
  if (!(error instanceof ApiError)) {
    form.alert.value = fallback
    return
  }
  const field = error.field && aliases[error.field] ? aliases[error.field] : error.field
  const item = formItemFor(field, form.items)
  if (item) form.errors[item] = error.message
  else form.alert.value = error.message
}
