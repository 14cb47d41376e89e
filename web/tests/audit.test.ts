// 全程记实 in the browser: the RFC 9162 inclusion and consistency checks against trees computed
// here from scratch (RFC 6962 §2.1 MTH, PATH and PROOF), the fallback SHA-256, checkpoint parsing
// and Ed25519 signatures, and the proof dialog showing 验证通过 / 验证失败.
import { describe, it, expect, vi, beforeEach, afterEach } from 'vitest'
import { createHash, generateKeyPairSync, sign } from 'node:crypto'
import { mount, flushPromises } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { createRouter, createMemoryHistory } from 'vue-router'
import { i18n, setLocale } from '../src/i18n'
import {
  fromHex,
  toHex,
  sha256,
  sha256Fallback,
  verifyInclusion,
  verifyConsistency,
  parseCheckpoint,
  signedMessage,
  verifyCheckpointSignature,
  shanghai,
  toShanghaiRfc3339,
} from '../src/views/audit/merkle'
import { canReadAudit } from '../src/api/audit'
import ProofDialog from '../src/views/audit/ProofDialog.vue'
import AuditLogView from '../src/views/audit/AuditLogView.vue'
import { useSessionStore } from '../src/stores/session'
import { KNOWN_ACTIONS, KNOWN_OBJECT_TYPES } from '../src/views/audit/labels'

// ---- An independent RFC 6962 reference, on node's SHA-256 ----
const H = (...parts: Buffer[]) => createHash('sha256').update(Buffer.concat(parts)).digest()
const leaf = (data: Buffer) => H(Buffer.from([0]), data)
const node = (l: Buffer, r: Buffer) => H(Buffer.from([1]), l, r)
const split = (n: number) => {
  let k = 1
  while (k * 2 < n) k *= 2
  return k
}
function mth(leaves: Buffer[]): Buffer {
  if (leaves.length === 0) return H()
  if (leaves.length === 1) return leaves[0]
  const k = split(leaves.length)
  return node(mth(leaves.slice(0, k)), mth(leaves.slice(k)))
}
function path(m: number, leaves: Buffer[]): Buffer[] {
  if (leaves.length <= 1) return []
  const k = split(leaves.length)
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))]
}
function subproof(m: number, leaves: Buffer[], b: boolean): Buffer[] {
  const n = leaves.length
  if (m === n) return b ? [] : [mth(leaves)]
  const k = split(n)
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), b), mth(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))]
}
const proofOf = (m: number, leaves: Buffer[]) => (m === 0 || m === leaves.length ? [] : subproof(m, leaves, true))
const hex = (b: Buffer) => b.toString('hex')

const N = 21
const entries = Array.from({ length: N }, (_, i) => Buffer.from(`entry ${i}: 张三 cadre.update 干部 ${100 + i}`))
const leaves = entries.map(leaf)

function flip(h: string, at = 0): string {
  const bytes = fromHex(h)
  bytes[at] ^= 1
  return toHex(bytes)
}

describe('SHA-256 and the RFC 6962 hashes', () => {
  it('agrees with node for the fallback and WebCrypto, on every padding boundary', async () => {
    for (const length of [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000]) {
      const data = new Uint8Array(length).map((_, i) => (i * 31 + 7) & 255)
      const expected = createHash('sha256').update(data).digest('hex')
      expect(toHex(sha256Fallback(data))).toBe(expected)
      expect(toHex(await sha256(data))).toBe(expected)
    }
    expect(toHex(sha256Fallback(new TextEncoder().encode('abc')))).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    )
  })
})

describe('verifyInclusion (RFC 9162 §2.1.3.2)', () => {
  it('accepts every leaf of every tree size up to 21', async () => {
    for (let n = 1; n <= N; n++) {
      const root = hex(mth(leaves.slice(0, n)))
      for (let m = 0; m < n; m++) {
        const proof = path(m, leaves.slice(0, n)).map(hex)
        expect(await verifyInclusion(m, n, hex(leaves[m]), proof, root), `leaf ${m} of ${n}`).toBe(true)
      }
    }
  })

  it('rejects a changed leaf, root, path node, index, size, or a shortened/lengthened path', async () => {
    const n = 13
    const root = hex(mth(leaves.slice(0, n)))
    for (let m = 0; m < n; m++) {
      const proof = path(m, leaves.slice(0, n)).map(hex)
      const leafHex = hex(leaves[m])
      expect(await verifyInclusion(m, n, flip(leafHex), proof, root)).toBe(false)
      expect(await verifyInclusion(m, n, leafHex, proof, flip(root, 31))).toBe(false)
      for (let i = 0; i < proof.length; i++) {
        const bad = [...proof]
        bad[i] = flip(bad[i], 5)
        expect(await verifyInclusion(m, n, leafHex, bad, root)).toBe(false)
      }
      expect(await verifyInclusion((m + 1) % n, n, leafHex, proof, root)).toBe(false)
      // The size is bound by the signed root, not by the path alone (a left-edge path of 13 also
      // fits 14); a size that needs a longer path fails.
      expect(await verifyInclusion(m, 2 * n, leafHex, proof, root)).toBe(false)
      expect(await verifyInclusion(m, n, leafHex, proof.slice(0, -1), root)).toBe(false)
      expect(await verifyInclusion(m, n, leafHex, [...proof, proof[0]], root)).toBe(false)
    }
    // The leaf of another entry, with the right path: not in the tree.
    expect(await verifyInclusion(2, n, hex(leaves[3]), path(2, leaves.slice(0, n)).map(hex), root)).toBe(false)
  })

  it('treats malformed input as a failed check, never a crash', async () => {
    const root = hex(mth(leaves.slice(0, 4)))
    expect(await verifyInclusion(0, 4, 'zz', [], root)).toBe(false)
    expect(await verifyInclusion(0, 4, hex(leaves[0]), ['abcd'], root)).toBe(false)
    expect(await verifyInclusion(4, 4, hex(leaves[0]), [], root)).toBe(false)
    expect(await verifyInclusion(-1, 4, hex(leaves[0]), [], root)).toBe(false)
    expect(await verifyInclusion(0, 0, hex(leaves[0]), [], root)).toBe(false)
    // A single-leaf tree's root is its leaf hash.
    expect(await verifyInclusion(0, 1, hex(leaves[0]), [], hex(leaves[0]))).toBe(true)
  })
})

describe('verifyConsistency (RFC 9162 §2.1.4.2)', () => {
  it('accepts every pair of sizes 0 ≤ m ≤ n ≤ 21', async () => {
    for (let n = 1; n <= N; n++) {
      const secondRoot = hex(mth(leaves.slice(0, n)))
      for (let m = 0; m <= n; m++) {
        const firstRoot = hex(mth(leaves.slice(0, m)))
        const proof = proofOf(m, leaves.slice(0, n)).map(hex)
        expect(await verifyConsistency(m, n, firstRoot, secondRoot, proof), `${m} → ${n}`).toBe(true)
      }
    }
  })

  it('rejects a rewritten history, a changed proof node, swapped sizes and wrong roots', async () => {
    for (const [m, n] of [
      [1, 2], [3, 7], [4, 8], [4, 13], [5, 21], [8, 16], [12, 17], [16, 21], [20, 21],
    ]) {
      const firstRoot = hex(mth(leaves.slice(0, m)))
      const secondRoot = hex(mth(leaves.slice(0, n)))
      const proof = proofOf(m, leaves.slice(0, n)).map(hex)
      // An earlier entry was changed after the first checkpoint was exported.
      const rewritten = [...leaves.slice(0, n)]
      rewritten[0] = leaf(Buffer.from('rewritten'))
      const rewrittenRoot = hex(mth(rewritten))
      expect(await verifyConsistency(m, n, firstRoot, rewrittenRoot, proofOf(m, rewritten).map(hex))).toBe(false)
      expect(await verifyConsistency(m, n, flip(firstRoot), secondRoot, proof)).toBe(false)
      expect(await verifyConsistency(m, n, firstRoot, flip(secondRoot), proof)).toBe(false)
      for (let i = 0; i < proof.length; i++) {
        const bad = [...proof]
        bad[i] = flip(bad[i], 9)
        expect(await verifyConsistency(m, n, firstRoot, secondRoot, bad), `${m} → ${n} node ${i}`).toBe(false)
      }
      expect(await verifyConsistency(n, m, secondRoot, firstRoot, proof)).toBe(false)
      expect(await verifyConsistency(m, n, firstRoot, secondRoot, [])).toBe(false)
      expect(await verifyConsistency(m, n, firstRoot, secondRoot, [...proof, proof[0]])).toBe(false)
    }
    // Equal sizes: equal roots and an empty proof only.
    const root = hex(mth(leaves.slice(0, 5)))
    expect(await verifyConsistency(5, 5, root, root, [])).toBe(true)
    expect(await verifyConsistency(5, 5, root, flip(root), [])).toBe(false)
    expect(await verifyConsistency(5, 5, root, root, [root])).toBe(false)
  })
})

describe('checkpoints', () => {
  function exported(fields: { size: number; root: string; time: string; key_id: string; public_key: string; signature: string }) {
    return `xuanren 全程记实检查点 v1\nsize: ${fields.size}\nroot: ${fields.root}\ntime: ${fields.time}\nkey_id: ${fields.key_id}\npublic_key: ${fields.public_key}\nsignature: ${fields.signature}\n`
  }

  function signedCheckpoint(size: number, root: string, time: string) {
    const { publicKey, privateKey } = generateKeyPairSync('ed25519')
    const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x as string, 'base64url')
    const message = Buffer.from(signedMessage({ size, root, time }))
    return {
      size,
      root,
      time,
      key_id: createHash('sha256').update(raw).digest('hex').slice(0, 16),
      public_key: raw.toString('hex'),
      signature: sign(null, message, privateKey).toString('hex'),
    }
  }

  it('parses the exported text, CRLF included, and names what is missing', () => {
    const c = signedCheckpoint(21, hex(mth(leaves)), '2026-11-27T06:35:02Z')
    expect(parseCheckpoint(exported(c))).toEqual(c)
    expect(parseCheckpoint(exported(c).replace(/\n/g, '\r\n'))).toEqual(c)
    expect(() => parseCheckpoint(exported(c).replace(/root: .*\n/, ''))).toThrow('root')
    expect(() => parseCheckpoint(exported(c).replace('size: 21', 'size: -1'))).toThrow('size')
    expect(() => parseCheckpoint(exported(c).replace(/root: ../, 'root: '))).toThrow('root')
    expect(() => parseCheckpoint('hello')).toThrow()
  })

  it('verifies the Ed25519 signature and key id, and notices any change', async () => {
    const c = signedCheckpoint(21, hex(mth(leaves)), '2026-11-27T06:35:02Z')
    expect(await verifyCheckpointSignature(c)).toBe('valid')
    expect(await verifyCheckpointSignature({ ...c, size: 20 })).toBe('invalid')
    expect(await verifyCheckpointSignature({ ...c, root: flip(c.root) })).toBe('invalid')
    expect(await verifyCheckpointSignature({ ...c, key_id: '0000000000000000' })).toBe('invalid')
    expect(await verifyCheckpointSignature({ ...c, signature: flip(c.signature, 10) })).toBe('invalid')
    expect(await verifyCheckpointSignature({ ...c, signature: 'abc' })).toBe('invalid')
  })

  it('formats times in Asia/Shanghai', () => {
    expect(shanghai('2026-11-27T06:35:02Z')).toBe('2026-11-27 14:35:02')
    expect(shanghai('2026-12-31T20:00:00Z')).toBe('2027-01-01 04:00:00')
    expect(toShanghaiRfc3339(new Date('2026-11-27T06:35:02Z'))).toBe('2026-11-27T14:35:02+08:00')
  })
})

describe('who may read the record', () => {
  it('the auditadmin role, or audit.read when permissions are given', () => {
    expect(canReadAudit({ roles: ['auditadmin'] })).toBe(true)
    expect(canReadAudit({ roles: ['cadre_officer'] })).toBe(false)
    expect(canReadAudit({ roles: ['sysadmin'], permissions: ['user.manage'] })).toBe(false)
    expect(canReadAudit({ roles: ['custom'], permissions: ['audit.read'] })).toBe(true)
    expect(canReadAudit(null)).toBe(false)
  })
})

// ---- The UI: the proof dialog and the 403 page ----
const fetchMock = vi.fn()

function json(status: number, body: unknown) {
  return new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })
}

async function settle() {
  for (let i = 0; i < 8; i++) {
    await flushPromises()
    await new Promise((resolve) => setTimeout(resolve, 0))
  }
}

const entry = {
  index: 6,
  at: '2026-11-27T06:35:02Z',
  actor: 'admin',
  actor_id: 1,
  address: '10.0.0.8',
  action: 'user.create',
  object_type: 'user',
  object_id: '7',
  details: [{ key: 'role', value: 'auditadmin' }],
}

function serve(rootHex: string) {
  const n = 13
  fetchMock.mockImplementation(async (url: string) => {
    if (url.startsWith('/api/audit/checkpoint')) {
      return json(200, { size: n, root: rootHex, time: '2026-11-27T06:40:00Z', key_id: 'k', public_key: '', signature: '', text: '' })
    }
    if (url.startsWith('/api/audit/entries/6/proof')) {
      expect(url).toContain(`tree_size=${n}`)
      return json(200, {
        index: 6,
        tree_size: n,
        leaf_hash: hex(leaves[6]),
        root: hex(mth(leaves.slice(0, n))),
        proof: path(6, leaves.slice(0, n)).map(hex),
        entry,
      })
    }
    return json(404, { error: { code: 'NOT_FOUND', message: 'no' } })
  })
}

describe('ProofDialog', () => {
  beforeEach(() => {
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
    setLocale('zh-CN')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  async function open() {
    const wrapper = mount(ProofDialog, {
      props: { entry, modelValue: true },
      global: { plugins: [i18n, ElementPlus], stubs: { transition: false } },
      attachTo: document.body,
    })
    await settle()
    return wrapper
  }

  it('shows 验证通过 when the path leads to the signed root', async () => {
    serve(hex(mth(leaves.slice(0, 13))))
    const wrapper = await open()
    const result = document.querySelector('[data-testid="proof-result"]')
    expect(result?.getAttribute('data-verified')).toBe('true')
    expect(result?.textContent).toContain('验证通过')
    expect(document.querySelectorAll('[data-testid="proof-path"] li').length).toBe(path(6, leaves.slice(0, 13)).length)
    wrapper.unmount()
  })

  it('shows 验证失败 when the signed root differs from what the path gives', async () => {
    serve(flip(hex(mth(leaves.slice(0, 13)))))
    const wrapper = await open()
    const result = document.querySelector('[data-testid="proof-result"]')
    expect(result?.getAttribute('data-verified')).toBe('false')
    expect(result?.textContent).toContain('验证失败')
    wrapper.unmount()
  })
})

describe('AuditLogView access', () => {
  beforeEach(() => {
    fetchMock.mockReset()
    vi.stubGlobal('fetch', fetchMock)
    setLocale('zh-CN')
  })
  afterEach(() => {
    vi.unstubAllGlobals()
    document.body.innerHTML = ''
  })

  async function mountAs(roles: string[]) {
    const pinia = createPinia()
    setActivePinia(pinia)
    useSessionStore().user = { id: 2, username: 'u', display_name: 'U', roles, unit_code: null }
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/audit', component: AuditLogView }] })
    await router.push('/audit')
    const wrapper = mount(AuditLogView, {
      global: { plugins: [pinia, router, i18n, ElementPlus], stubs: { transition: false } },
      attachTo: document.body,
    })
    await settle()
    return wrapper
  }

  it('tells a non-auditor in Chinese, without asking the server', async () => {
    const wrapper = await mountAs(['cadre_officer'])
    expect(wrapper.find('[data-testid="audit-forbidden"]').text()).toContain('只有安全审计员可以查阅全程记实')
    expect(fetchMock).not.toHaveBeenCalled()
    wrapper.unmount()
  })

  it('shows the server’s 403 message when the server refuses', async () => {
    fetchMock.mockImplementation(async () =>
      json(403, { error: { code: 'PERMISSION_DENIED', message: '只有安全审计员可以查阅全程记实' } }),
    )
    const wrapper = await mountAs(['auditadmin'])
    expect(wrapper.find('[data-testid="audit-forbidden"]').exists()).toBe(true)
    wrapper.unmount()
  }, 60_000)

  it('lists entries with details as key=value tags for the auditor', async () => {
    fetchMock.mockImplementation(async (url: string) => {
      if (url.startsWith('/api/audit/entries')) return json(200, { items: [entry], total: 1 })
      return json(200, { size: 13, root: hex(mth(leaves.slice(0, 13))), time: '2026-11-27T06:40:00Z', key_id: 'k', public_key: '', signature: '', text: 'x' })
    })
    const wrapper = await mountAs(['auditadmin'])
    expect(wrapper.find('[data-testid="audit-total"]').attributes('data-total')).toBe('1')
    const table = wrapper.find('[data-testid="audit-table"]').text()
    expect(table).toContain('2026-11-27 14:35:02')
    expect(table).toContain('role=auditadmin')
    expect(table).toContain('创建用户')
    expect(wrapper.find('[data-testid="checkpoint-size"]').text()).toBe('13')
    wrapper.unmount()
  }, 60_000)
})

describe('labels of the record', () => {
  it('every action and object type offered in the filters has a Chinese and an English name', () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      for (const code of KNOWN_ACTIONS) {
        expect(i18n.global.te(`audit.actions.${code.replace(/\./g, '_')}`, locale), `${locale} ${code}`).toBe(true)
      }
      for (const code of KNOWN_OBJECT_TYPES) {
        expect(i18n.global.te(`audit.objectTypes.${code}`, locale), `${locale} ${code}`).toBe(true)
      }
    }
  })
})
