import { describe, it, expect, beforeEach } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { useTabsStore, HOME_PATH } from '../src/stores/tabs'

describe('tabs store', () => {
  beforeEach(() => setActivePinia(createPinia()))

  it('keeps the home tab fixed and opens each page once', () => {
    const tabs = useTabsStore()
    tabs.open({ path: '/cadres', name: 'cadres', titleKey: 'menu.cadres' })
    tabs.open({ path: '/cadres', name: 'cadres', titleKey: 'menu.cadres' })
    expect(tabs.tabs.map((t) => t.path)).toEqual([HOME_PATH, '/cadres'])
    expect(tabs.close(HOME_PATH, HOME_PATH)).toBeNull()
    expect(tabs.tabs[0].path).toBe(HOME_PATH)
  })

  it('closing the active tab moves to its neighbour; closing another stays', () => {
    const tabs = useTabsStore()
    tabs.open({ path: '/a', name: 'a', titleKey: 'x' })
    tabs.open({ path: '/b', name: 'b', titleKey: 'x' })
    expect(tabs.close('/a', '/b')).toBeNull()
    expect(tabs.close('/b', '/b')).toBe(HOME_PATH)
    expect(tabs.tabs.map((t) => t.path)).toEqual([HOME_PATH])
  })
})
