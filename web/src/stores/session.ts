import { defineStore } from 'pinia'
import { ref, computed } from 'vue'
import * as api from '../api/session'
import type { User } from '../api/session'

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  // Whether GET /api/me has been asked once since the page loaded.
  const restored = ref(false)
  const signedIn = computed(() => user.value !== null)

  async function restore(): Promise<void> {
    if (restored.value) return
    try {
      user.value = await api.fetchMe()
    } catch {
      user.value = null
    } finally {
      restored.value = true
    }
  }

  async function signIn(username: string, password: string): Promise<void> {
    user.value = await api.signIn(username, password)
    restored.value = true
  }

  async function signOut(): Promise<void> {
    try {
      await api.signOut()
    } finally {
      clear()
    }
  }

  function clear() {
    user.value = null
    restored.value = true
  }

  return { user, restored, signedIn, restore, signIn, signOut, clear }
})
