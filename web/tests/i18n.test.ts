import { describe, it, expect, beforeEach, vi } from 'vitest'
import zhCN from '../src/i18n/zh-CN'
import en from '../src/i18n/en'

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix]
  return Object.entries(value).flatMap(([key, inner]) => keys(inner, prefix ? `${prefix}.${key}` : key))
}

describe('i18n', () => {
  beforeEach(() => {
    localStorage.clear()
    vi.resetModules()
  })

  it('defaults to zh-CN', async () => {
    const { i18n, t } = await import('../src/i18n')
    expect(i18n.global.locale.value).toBe('zh-CN')
    expect(t('menu.home')).toBe('首页')
    expect(t('login.title')).toBe('选任 · 干部选拔任用管理平台')
    expect(document.documentElement.lang).toBe('zh-CN')
  })

  it('switches to English, persists the choice, and back', async () => {
    const { setLocale, t, LOCALE_KEY } = await import('../src/i18n')
    setLocale('en')
    expect(t('menu.home')).toBe('Home')
    expect(t('menu.cadres')).toBe('Cadres')
    expect(localStorage.getItem(LOCALE_KEY)).toBe('en')
    expect(document.documentElement.lang).toBe('en')
    expect(document.title).toMatch(/^Xuanren/)
    setLocale('zh-CN')
    expect(t('menu.cadres')).toBe('干部信息')
    expect(localStorage.getItem(LOCALE_KEY)).toBe('zh-CN')
  })

  it('restores the stored language on load and ignores unknown values', async () => {
    localStorage.setItem('xr_locale', 'en')
    let mod = await import('../src/i18n')
    expect(mod.i18n.global.locale.value).toBe('en')
    vi.resetModules()
    localStorage.setItem('xr_locale', 'fr')
    mod = await import('../src/i18n')
    expect(mod.i18n.global.locale.value).toBe('zh-CN')
  })

  it('English has every key that Chinese has, and none is empty where Chinese has text', () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort())
  })
})
