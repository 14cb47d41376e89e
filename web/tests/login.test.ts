import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { mount, flushPromises } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import ElementPlus from 'element-plus'
import { i18n, setLocale } from '../src/i18n'
import LoginView from '../src/views/session/LoginView.vue'

const fetchMock = vi.fn()

function makeRouter() {
  return createRouter({
    history: createMemoryHistory(),
    routes: [
      { path: '/login', component: LoginView },
      { path: '/home', component: { template: '<div>home</div>' } },
    ],
  })
}

async function mountLogin() {
  const pinia = createPinia()
  setActivePinia(pinia)
  const router = makeRouter()
  await router.push('/login')
  await router.isReady()
  const wrapper = mount(LoginView, {
    global: {
      plugins: [pinia, router, i18n, ElementPlus],
      stubs: { transition: false, 'transition-group': false },
    },
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

describe('LoginView', () => {
  it('shows the title and Chinese validation messages for an empty form', async () => {
    const { wrapper } = await mountLogin()
    expect(wrapper.get('[data-testid="login-title"]').text()).toBe('选任 · 干部选拔任用管理平台')
    await wrapper.get('form').trigger('submit')
    await settle()
    // Element Plus shows a form item's error after a 100 ms debounce.
    await new Promise((resolve) => setTimeout(resolve, 250))
    await flushPromises()
    const errors = wrapper.findAll('.el-form-item__error').map((e) => e.text())
    expect(errors).toEqual(['请输入用户名', '请输入密码'])
    expect(fetchMock).not.toHaveBeenCalled()
  })

  it("shows the server's message on a 401 and stays on the page", async () => {
    fetchMock.mockResolvedValue(
      new Response(JSON.stringify({ error: { code: 'UNAUTHENTICATED', message: '用户名或密码错误' } }), {
        status: 401,
        headers: { 'Content-Type': 'application/json' },
      }),
    )
    const { wrapper, router } = await mountLogin()
    await wrapper.get('input[name="username"]').setValue('officer')
    await wrapper.get('input[name="password"]').setValue('wrong')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(fetchMock).toHaveBeenCalledTimes(1)
    expect(wrapper.get('[data-testid="login-error"]').text()).toContain('用户名或密码错误')
    expect(router.currentRoute.value.path).toBe('/login')
  })

  it('goes to the home page after a successful sign-in', async () => {
    fetchMock.mockResolvedValue(
      new Response(
        JSON.stringify({
          token: 't',
          csrf: 'c',
          user: { id: 1, username: 'officer', display_name: '测试', roles: ['cadre_officer'], unit_code: null },
        }),
        { status: 200, headers: { 'Content-Type': 'application/json' } },
      ),
    )
    const { wrapper, router } = await mountLogin()
    await wrapper.get('input[name="username"]').setValue('officer')
    await wrapper.get('input[name="password"]').setValue('right')
    await wrapper.get('form').trigger('submit')
    await settle()
    expect(router.currentRoute.value.path).toBe('/home')
    expect(sessionStorage.getItem('xr_csrf')).toBe('c')
  })
})
