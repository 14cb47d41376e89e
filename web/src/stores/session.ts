import { defineStore } from 'pinia'
import { ref, computed } from 'vue'
import * as api from '../api/session'
import type { PasswordChangeReason, User } from '../api/session'

export const useSessionStore = defineStore('session', () => {
  const user = ref<User | null>(null)
  // The server refuses everything but the password change until it is done (403
  // PASSWORD_CHANGE_REQUIRED); the router sends the user to the change-password page.
  const mustChangePassword = ref(false)
  const passwordChangeReason = ref<PasswordChangeReason>('')
  // Whether GET /api/me has been asked once since the page loaded.
  const restored = ref(false)
  const signedIn = computed(() => user.value !== null)

  function apply(me: api.Me | null) {
    user.value = me?.user ?? null
    mustChangePassword.value = me?.mustChangePassword ?? false
    passwordChangeReason.value = me?.passwordChangeReason ?? ''
  }

  async function restore(): Promise<void> {
    if (restored.value) return
    try {
      apply(await api.fetchMe())
    } catch {
      apply(null)
    } finally {
      restored.value = true
    }
  }

  async function signIn(username: string, password: string, totpCode?: string): Promise<void> {
    apply(await api.startSession(username, password, totpCode))
    restored.value = true
  }

  async function changePassword(oldPassword: string, newPassword: string): Promise<void> {
    await api.changePassword(oldPassword, newPassword)
    mustChangePassword.value = false
    passwordChangeReason.value = ''
  }

  async function signOut(): Promise<void> {
    try {
      await api.signOut()
    } finally {
      clear()
    }
  }

  function clear() {
    apply(null)
    restored.value = true
  }

  return {
    user,
    mustChangePassword,
    passwordChangeReason,
    restored,
    signedIn,
    restore,
    signIn,
    changePassword,
    signOut,
    clear,
  }
})
