// Sign-in hardening in the UI: 423 LOCKED shows the server's unlock message; TOTP_REQUIRED asks
// for the code and sends it with the password; a forced password change goes to 修改密码.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../src/i18n'
import LoginView from '../src/views/session/LoginView.vue'

const fetchMock = vi.fn()

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

async function mountLogin() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/home', component: { template: '<div>home</div>' } },
      { path: '/change-password', name: 'change-password', component: { template: '<div>pw</div>' } },
    ],
  })
  await router.push('/login')
  await router.isReady()
  const wrapper = mount(LoginView, {
    global: { plugins: [pinia, router, i18n, ElementPlus], stubs: { transition: false } },
    attachTo: document.body,
  })
  return { wrapper, router }
}

async function settle() {
  for (let i = 0; i < 5; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

async function submit(wrapper: Awaited<ReturnType<typeof mountLogin>>['wrapper']) {
  await wrapper.get('input[name="username"]').setValue('officer')
  await wrapper.get('input[name="password"]').setValue('Right2026!')
  await wrapper.get('form').trigger('submit')
  await settle()
}

const user = { id: 1, username: 'officer', display_name: '测试', roles: ['cadre_officer'], unit_code: null }

beforeEach(() => {
  setLocale('zh-CN')
  fetchMock.mockReset()
  vi.stubGlobal('fetch', fetchMock)
  sessionStorage.clear()
})
afterEach(() => {
  vi.unstubAllGlobals()
  document.body.innerHTML = ''
})

describe('sign-in hardening', () => {
  it('shows the lock message of a 423', async () => {
    const message = '连续登录失败次数过多，账号已锁定，请于 14:35 后再试'
    fetchMock.mockResolvedValue(json(423, { error: { code: 'LOCKED', message } }))
    const { wrapper, router } = await mountLogin()
    await submit(wrapper)
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain(message)
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('asks for the TOTP code and sends it with the password', async () => {
    fetchMock.mockResolvedValueOnce(
      json(401, { error: { code: 'TOTP_REQUIRED', message: '请输入动态口令', field: 'totp_code' } }),
    )
    const { wrapper, router } = await mountLogin()
    expect(wrapper.find('[data-testid="login-totp"]').exists()).toBe(false)
    await submit(wrapper)
    expect(wrapper.find('[data-testid="login-totp"]').exists()).toBe(true)
    fetchMock.mockResolvedValueOnce(json(200, { token: 't', csrf: 'c', user }))
    await wrapper.get('input[name="totp_code"]').setValue('123456')
    await wrapper.get('form').trigger('submit')
    await settle()
    const body = JSON.parse(fetchMock.mock.calls[1][1].body)
    expect(body).toEqual({ username: 'officer', password: 'Right2026!', totp_code: '123456' })
    expect(router.currentRoute.value.path).toBe('/home')
  })

  it('sends a user whose password must change to 修改密码', async () => {
    fetchMock.mockResolvedValue(
      json(200, { token: 't', csrf: 'c', user, must_change_password: true, password_change_reason: 'initial' }),
    )
    const { wrapper, router } = await mountLogin()
    await submit(wrapper)
    expect(router.currentRoute.value.path).toBe('/change-password')
  })
})
