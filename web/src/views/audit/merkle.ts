// Browser-side verification of the full-process record (全程记实): RFC 6962 Merkle trees over
// SHA-256, with the proof checks of RFC 9162 §2.1.3.2 (inclusion) and §2.1.4.2 (consistency).
//
//   leaf hash = SHA-256(0x00 ‖ entry bytes)   (given by the server)
//   node hash = SHA-256(0x01 ‖ left ‖ right)
//
// Hashing uses WebCrypto (crypto.subtle). Browsers only offer crypto.subtle in a secure context
// (HTTPS or localhost); on a plain-HTTP intranet address the same SHA-256 is computed by the small
// implementation below, so the check never depends on the server's say-so.

export type Bytes = Uint8Array

export function fromHex(text: string): Bytes {
  const clean = text.trim().toLowerCase()
  if (clean.length % 2 !== 0 || !/^[0-9a-f]*$/.test(clean)) {
    throw new Error(`not hex: ${text.slice(0, 20)}`)
  }
  const out = new Uint8Array(clean.length / 2)
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.slice(2 * i, 2 * i + 2), 16)
  return out
}

export function toHex(bytes: Bytes): string {
  let out = ''
  for (const b of bytes) out += b.toString(16).padStart(2, '0')
  return out
}

function hashFromHex(text: string): Bytes {
  const bytes = fromHex(text)
  if (bytes.length !== 32) throw new Error('a SHA-256 hash has 32 bytes')
  return bytes
}

function equal(a: Bytes, b: Bytes): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a[i] ^ b[i]
  return diff === 0
}

function subtle(): SubtleCrypto | null {
  const c = (globalThis as { crypto?: Crypto }).crypto
  return c && c.subtle && typeof c.subtle.digest === 'function' ? c.subtle : null
}

// ---- SHA-256 (FIPS 180-4), used only where crypto.subtle is unavailable ----
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
])

export function sha256Fallback(data: Bytes): Bytes {
  const bitLength = data.length * 8
  const padded = new Uint8Array(((data.length + 9 + 63) >> 6) << 6)
  padded.set(data)
  padded[data.length] = 0x80
  const view = new DataView(padded.buffer)
  view.setUint32(padded.length - 8, Math.floor(bitLength / 0x100000000))
  view.setUint32(padded.length - 4, bitLength >>> 0)
  const h = new Uint32Array([
    0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19,
  ])
  const w = new Uint32Array(64)
  const rotr = (x: number, n: number) => (x >>> n) | (x << (32 - n))
  for (let offset = 0; offset < padded.length; offset += 64) {
    for (let i = 0; i < 16; i++) w[i] = view.getUint32(offset + 4 * i)
    for (let i = 16; i < 64; i++) {
      const s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >>> 3)
      const s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >>> 10)
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) >>> 0
    }
    let [a, b, c, d, e, f, g, hh] = h
    for (let i = 0; i < 64; i++) {
      const S1 = rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)
      const ch = (e & f) ^ (~e & g)
      const t1 = (hh + S1 + ch + K[i] + w[i]) >>> 0
      const S0 = rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)
      const maj = (a & b) ^ (a & c) ^ (b & c)
      const t2 = (S0 + maj) >>> 0
      hh = g
      g = f
      f = e
      e = (d + t1) >>> 0
      d = c
      c = b
      b = a
      a = (t1 + t2) >>> 0
    }
    h[0] = (h[0] + a) >>> 0
    h[1] = (h[1] + b) >>> 0
    h[2] = (h[2] + c) >>> 0
    h[3] = (h[3] + d) >>> 0
    h[4] = (h[4] + e) >>> 0
    h[5] = (h[5] + f) >>> 0
    h[6] = (h[6] + g) >>> 0
    h[7] = (h[7] + hh) >>> 0
  }
  const out = new Uint8Array(32)
  const outView = new DataView(out.buffer)
  for (let i = 0; i < 8; i++) outView.setUint32(4 * i, h[i])
  return out
}

export async function sha256(data: Bytes): Promise<Bytes> {
  const s = subtle()
  if (s) return new Uint8Array(await s.digest('SHA-256', data as BufferSource))
  return sha256Fallback(data)
}

export async function leafHash(entry: Bytes): Promise<Bytes> {
  const buffer = new Uint8Array(entry.length + 1)
  buffer[0] = 0x00
  buffer.set(entry, 1)
  return sha256(buffer)
}

export async function nodeHash(left: Bytes, right: Bytes): Promise<Bytes> {
  const buffer = new Uint8Array(65)
  buffer[0] = 0x01
  buffer.set(left, 1)
  buffer.set(right, 33)
  return sha256(buffer)
}

// Sizes and indexes of the log fit comfortably in 2^53; BigInt keeps the shifts exact anyway.
function big(value: number | bigint): bigint {
  return typeof value === 'bigint' ? value : BigInt(value)
}

// RFC 9162 §2.1.3.2. True when `proof` shows that the leaf `index` with hash `leafHashHex` is in
// the tree of `treeSize` leaves whose root is `rootHex`. Malformed input is a failed check.
export async function verifyInclusion(
  index: number | bigint,
  treeSize: number | bigint,
  leafHashHex: string,
  proofHex: readonly string[],
  rootHex: string,
): Promise<boolean> {
  try {
    let fn = big(index)
    let sn = big(treeSize) - 1n
    if (fn < 0n || fn > sn) return false
    let r = hashFromHex(leafHashHex)
    const root = hashFromHex(rootHex)
    for (const hex of proofHex) {
      const p = hashFromHex(hex)
      if (sn === 0n) return false
      if ((fn & 1n) === 1n || fn === sn) {
        r = await nodeHash(p, r)
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n
          sn >>= 1n
        }
      } else {
        r = await nodeHash(r, p)
      }
      fn >>= 1n
      sn >>= 1n
    }
    return sn === 0n && equal(r, root)
  } catch {
    return false
  }
}

// RFC 9162 §2.1.4.2. True when `proof` shows the tree of `first` leaves (root `firstRootHex`) is
// a prefix of the tree of `second` leaves (root `secondRootHex`).
export async function verifyConsistency(
  first: number | bigint,
  second: number | bigint,
  firstRootHex: string,
  secondRootHex: string,
  proofHex: readonly string[],
): Promise<boolean> {
  try {
    const m = big(first)
    const n = big(second)
    const firstRoot = hashFromHex(firstRootHex)
    const secondRoot = hashFromHex(secondRootHex)
    const proof = proofHex.map(hashFromHex)
    if (m < 0n || m > n) return false
    if (m === n) return proof.length === 0 && equal(firstRoot, secondRoot)
    if (m === 0n) return proof.length === 0
    if (proof.length === 0) return false
    // An exact power of two: the first tree's root is the first node of the path.
    const path = (m & (m - 1n)) === 0n ? [firstRoot, ...proof] : proof
    let fn = m - 1n
    let sn = n - 1n
    while ((fn & 1n) === 1n) {
      fn >>= 1n
      sn >>= 1n
    }
    let fr = path[0]
    let sr = path[0]
    for (const c of path.slice(1)) {
      if (sn === 0n) return false
      if ((fn & 1n) === 1n || fn === sn) {
        fr = await nodeHash(c, fr)
        sr = await nodeHash(c, sr)
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n
          sn >>= 1n
        }
      } else {
        sr = await nodeHash(sr, c)
      }
      fn >>= 1n
      sn >>= 1n
    }
    return sn === 0n && equal(fr, firstRoot) && equal(sr, secondRoot)
  } catch {
    return false
  }
}

// ---- Checkpoints ----

export interface CheckpointFields {
  size: number
  root: string
  time: string
  key_id: string
  public_key: string
  signature: string
}

// The exported text form (`xuanren audit checkpoint`, GET /api/audit/checkpoint `text`):
// "name: value" lines for size, root, time, key_id, public_key and signature; other lines are
// ignored. Throws an Error naming the first missing or malformed field.
export function parseCheckpoint(text: string): CheckpointFields {
  const fields = new Map<string, string>()
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\r$/, '')
    const colon = line.indexOf(': ')
    if (colon < 0) continue
    const name = line.slice(0, colon).trim()
    if (!fields.has(name)) fields.set(name, line.slice(colon + 2).trim())
  }
  for (const name of ['size', 'root', 'time', 'key_id', 'public_key', 'signature']) {
    if (!fields.has(name)) throw new Error(name)
  }
  const size = fields.get('size')!
  if (!/^\d+$/.test(size) || !Number.isSafeInteger(Number(size))) throw new Error('size')
  const root = fields.get('root')!.toLowerCase()
  if (!/^[0-9a-f]{64}$/.test(root)) throw new Error('root')
  const time = fields.get('time')!
  if (Number.isNaN(new Date(time).getTime())) throw new Error('time')
  return {
    size: Number(size),
    root,
    time,
    key_id: fields.get('key_id')!,
    public_key: fields.get('public_key')!.toLowerCase(),
    signature: fields.get('signature')!.toLowerCase(),
  }
}

// The bytes the server signs with Ed25519 (src/audit/checkpoint.cc SignedMessage).
export function signedMessage(c: Pick<CheckpointFields, 'size' | 'root' | 'time'>): string {
  return `xuanren-audit-checkpoint-v1\n${c.size}\n${c.root}\n${c.time}\n`
}

// 'valid' / 'invalid', or 'unsupported' when this browser's WebCrypto has no Ed25519 (older
// browsers, or no secure context). The key id is the first 8 bytes of SHA-256(public key).
export type SignatureCheck = 'valid' | 'invalid' | 'unsupported'

export async function verifyCheckpointSignature(c: CheckpointFields): Promise<SignatureCheck> {
  let publicKey: Bytes
  let signature: Bytes
  try {
    publicKey = fromHex(c.public_key)
    signature = fromHex(c.signature)
  } catch {
    return 'invalid'
  }
  if (publicKey.length !== 32 || signature.length !== 64) return 'invalid'
  const keyId = toHex((await sha256(publicKey)).slice(0, 8))
  if (keyId !== c.key_id.toLowerCase()) return 'invalid'
  const s = subtle()
  if (!s) return 'unsupported'
  let key: CryptoKey
  try {
    key = await s.importKey('raw', publicKey as BufferSource, { name: 'Ed25519' }, false, ['verify'])
  } catch {
    return 'unsupported'
  }
  try {
    const ok = await s.verify(
      { name: 'Ed25519' },
      key,
      signature as BufferSource,
      new TextEncoder().encode(signedMessage(c)) as BufferSource,
    )
    return ok ? 'valid' : 'invalid'
  } catch {
    return 'unsupported'
  }
}

// RFC 3339 → "2026-11-27 14:35:02" in Asia/Shanghai (UTC+8 all year: China has no summer time).
export function shanghai(value: string): string {
  const date = new Date(value)
  if (Number.isNaN(date.getTime())) return value
  const local = new Date(date.getTime() + 8 * 3600 * 1000)
  return local.toISOString().slice(0, 19).replace('T', ' ')
}

// A moment as RFC 3339 in Asia/Shanghai, "2026-11-27T14:35:02+08:00" (the API's from/to).
export function toShanghaiRfc3339(date: Date): string {
  return `${shanghai(date.toISOString()).replace(' ', 'T')}+08:00`
}
