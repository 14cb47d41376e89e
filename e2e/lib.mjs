// Shared helpers for the end-to-end specs: Debian Chromium through playwright-core, run by
// node's built-in test runner. playwright-core is installed by `npm ci` in web/.
import { createRequire } from 'node:module'
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { test } from 'node:test'

const here = dirname(fileURLToPath(import.meta.url))
const require = createRequire(join(here, '..', 'web', 'package.json'))
const { chromium } = require('playwright-core')

export const ARTIFACTS = process.env.XR_E2E_ARTIFACTS || join(here, 'artifacts')
export const CHROMIUM = process.env.XR_E2E_CHROMIUM || '/usr/bin/chromium'
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
]

function required(name) {
  const value = process.env[name]
  if (!value) throw new Error(`environment variable ${name} is not set (run the specs through e2e/run)`)
  return value
}

export const config = {
  get baseUrl() {
    return required('XR_E2E_BASE_URL').replace(/\/+$/, '')
  },
  get username() {
    return required('XR_E2E_USERNAME')
  },
  get password() {
    return required('XR_E2E_PASSWORD')
  },
  get displayName() {
    return process.env.XR_E2E_DISPLAY_NAME || ''
  },
  get cadres() {
    return Number(process.env.XR_E2E_CADRES || '300')
  },
}

// The 系统管理员 and 安全保密管理员 accounts e2e/run creates (one password for both).
export function admins() {
  return {
    sysadmin: required('XR_E2E_SYSADMIN'),
    secadmin: required('XR_E2E_SECADMIN'),
    password: required('XR_E2E_ADMIN_PASSWORD'),
  }
}

export const TIMEOUT = 15_000

// A fresh Chromium profile per call; close() removes it.
export async function openBrowser({ locale = 'zh-CN' } = {}) {
  const profile = await mkdtemp(join(tmpdir(), 'xr-e2e-profile-'))
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    locale,
    timezoneId: 'Asia/Shanghai',
    viewport: { width: 1440, height: 900 },
    baseURL: config.baseUrl,
  })
  context.setDefaultTimeout(TIMEOUT)
  const page = context.pages()[0] ?? (await context.newPage())
  const log = []
  page.on('console', (message) => {
    if (message.type() === 'error') log.push(`console: ${message.text()}`)
  })
  page.on('pageerror', (error) => log.push(`pageerror: ${error.message}`))
  return {
    context,
    page,
    log,
    async close() {
      await context.close().catch(() => {})
      await rm(profile, { recursive: true, force: true })
    },
  }
}

function slug(text) {
  return text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').slice(0, 80) || 'spec'
}

// A node:test test with its own browser; on failure saves a screenshot to e2e/artifacts/.
export function browserTest(name, fn, options = {}) {
  test(name, { timeout: options.timeout ?? 120_000 }, async () => {
    const session = await openBrowser(options)
    try {
      await fn(session)
    } catch (error) {
      await mkdir(ARTIFACTS, { recursive: true })
      const file = join(ARTIFACTS, `${slug(name)}.png`)
      await session.page.screenshot({ path: file, fullPage: true }).catch(() => {})
      const extra = session.log.length ? `\nbrowser log:\n${session.log.join('\n')}` : ''
      error.message = `${error.message}\n(screenshot: ${file}; page: ${session.page.url()})${extra}`
      throw error
    } finally {
      await session.close()
    }
  })
}

// Polls until check() returns true; fails with describe() of the last state.
export async function waitUntil(check, describe, timeout = TIMEOUT) {
  const deadline = Date.now() + timeout
  let last
  for (;;) {
    try {
      last = await check()
      if (last === true) return
    } catch (error) {
      last = error
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeout} ms: ${await describe(last)}`)
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

// Waits for a locator's text to equal (string) or match (RegExp) the expectation.
export async function expectText(locator, expected, timeout = TIMEOUT) {
  let text = ''
  await waitUntil(
    async () => {
      text = (await locator.innerText({ timeout: 1000 })).trim()
      return typeof expected === 'string' ? text === expected : expected.test(text)
    },
    () => `expected text ${expected} but found ${JSON.stringify(text)}`,
    timeout,
  )
  return text
}

export async function expectAttribute(locator, name, expected, timeout = TIMEOUT) {
  let value = null
  await waitUntil(
    async () => {
      value = await locator.getAttribute(name, { timeout: 1000 })
      return value === expected
    },
    () => `expected ${name}=${JSON.stringify(expected)} but found ${JSON.stringify(value)}`,
    timeout,
  )
}

export async function expectUrl(page, pathname, timeout = TIMEOUT) {
  await waitUntil(
    () => new URL(page.url()).pathname === pathname,
    () => `expected path ${pathname} but page is at ${page.url()}`,
    timeout,
  )
}

// Calls the API with the browser context's cookies (so as the signed-in user).
export async function api(context, path) {
  const response = await context.request.get(`${config.baseUrl}${path}`)
  if (!response.ok()) {
    throw new Error(`GET ${path} → ${response.status()} ${await response.text()}`)
  }
  return response.json()
}

// The <input> of an Element Plus input that carries data-testid (on the input or its wrapper).
export function input(page, testid) {
  return page.locator(`input[data-testid="${testid}"], [data-testid="${testid}"] input`).first()
}

// Signs in through the form and waits for the home page.
export async function signIn(page, username = config.username, password = config.password) {
  await page.goto('/')
  await expectUrl(page, '/login')
  await input(page, 'login-username').fill(username)
  await input(page, 'login-password').fill(password)
  await page.getByTestId('login-submit').click()
  await expectUrl(page, '/home')
  await page.getByTestId('user-display-name').waitFor()
}
