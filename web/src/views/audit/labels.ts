// Display names for the record's action codes and object types; unknown codes show as they are.
import { i18n } from '../../i18n'

type Translate = (key: string, values?: Record<string, unknown>) => string

// Action codes such as `user.create` (vue-i18n paths cannot hold the dot: `user_create`).
export const KNOWN_ACTIONS = [
  'user.create',
  'role.create',
  'unit.create',
  'position.create',
  'cadre.create',
  'cadre.update',
  'cadre.photo',
  'cadre.print_rmb',
  'demo.seed',
  'session.sign_in',
  'session.end',
  'session.end_all',
  'user.password_change',
  'user.totp_enrol',
  'user.totp_enable',
  'user.update',
  'user.password_reset',
  'user.totp_reset',
  'role.update',
  'session.sign_out',
  'unit.update',
  'unit.move',
  'unit.reorder',
  'unit.abolish',
  'position.update',
  'position.abolish',
  'keys.rotate',
  'keys.rotate_data.start',
  'keys.rotate_data.finish',
  'keys.seal',
  'cadre.search_keys',
  'cadre.text_index',
  'cadre.common_bigrams',
  'cadre.query',
  'saved_query.create',
  'saved_query.update',
  'saved_query.delete',
  'dict.create',
  'dict.update',
] as const

export const KNOWN_OBJECT_TYPES = [
  'cadre',
  'user',
  'role',
  'unit',
  'position',
  'session',
  'database',
  'master_key',
  'data_key',
  'users',
  'dict_item',
  'saved_query',
] as const

export function actionLabel(t: Translate, action: string): string {
  const key = `audit.actions.${action.replace(/\./g, '_')}`
  return i18n.global.te(key) ? t('audit.actionWithCode', { label: t(key), code: action }) : action
}

export function objectLabel(t: Translate, type: string): string {
  const key = `audit.objectTypes.${type}`
  return type && i18n.global.te(key) ? t(key) : type
}

// The object-type filter's options: "干部（cadre）".
export function objectTypeOptions(t: Translate): Array<{ value: string; label: string }> {
  return KNOWN_OBJECT_TYPES.map((code) => ({ value: code, label: `${objectLabel(t, code)}（${code}）` }))
}
