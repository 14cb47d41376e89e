import { createI18n } from 'vue-i18n'
import zhCN from './zh-CN'
import en from './en'

export const LOCALES = ['zh-CN', 'en'] as const
export type Locale = (typeof LOCALES)[number]
export const LOCALE_KEY = 'xr_locale'
export const DEFAULT_LOCALE: Locale = 'zh-CN'

function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value)
}

export function storedLocale(): Locale {
  try {
    const value = localStorage.getItem(LOCALE_KEY)
    return isLocale(value) ? value : DEFAULT_LOCALE
  } catch {
    return DEFAULT_LOCALE
  }
}

export const i18n = createI18n({
  legacy: false,
  locale: storedLocale(),
  fallbackLocale: DEFAULT_LOCALE,
  messages: { 'zh-CN': zhCN, en },
})

function applyDocument(locale: Locale) {
  if (typeof document !== 'undefined') {
    document.documentElement.lang = locale
    document.title = i18n.global.t('app.fullName')
  }
}

export function currentLocale(): Locale {
  return i18n.global.locale.value as Locale
}

// Switches the UI language and remembers the choice for the next visit.
export function setLocale(locale: Locale) {
  if (!isLocale(locale)) return
  i18n.global.locale.value = locale
  try {
    localStorage.setItem(LOCALE_KEY, locale)
  } catch {
    // Storage can be disabled (private mode); the switch still applies to this page.
  }
  applyDocument(locale)
}

applyDocument(currentLocale())

export const t = i18n.global.t
