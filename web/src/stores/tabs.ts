import { defineStore } from 'pinia'
import { ref } from 'vue'

export interface Tab {
  path: string
  name: string
  titleKey: string
}

export const HOME_PATH = '/home'

// The row of opened pages (标签页). The home tab is always first and cannot be closed.
export const useTabsStore = defineStore('tabs', () => {
  const tabs = ref<Tab[]>([{ path: HOME_PATH, name: 'home', titleKey: 'menu.home' }])

  function open(tab: Tab) {
    if (!tabs.value.some((item) => item.path === tab.path)) tabs.value.push(tab)
  }

  // Closes a tab and returns the path to show next when the closed tab was the active one.
  function close(path: string, activePath: string): string | null {
    if (path === HOME_PATH) return null
    const index = tabs.value.findIndex((item) => item.path === path)
    if (index < 0) return null
    tabs.value.splice(index, 1)
    if (path !== activePath) return null
    const next = tabs.value[index] ?? tabs.value[index - 1] ?? tabs.value[0]
    return next.path
  }

  function reset() {
    tabs.value = tabs.value.filter((item) => item.path === HOME_PATH)
  }

  return { tabs, open, close, reset }
})
