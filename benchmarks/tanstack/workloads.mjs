// Reference harness: the workloads of docs/benchmarks.md run against TanStack Query's
// @tanstack/query-core under Node.js, so that the Java harness's figures
// (benchmarks/src/main/java/dev/querycache/bench) can be set side by side with them.
//
//   node --expose-gc workloads.mjs [--quick] [--n N] [--only W1,W3,...]
//
// One JSON object per line on stdout (same shape as the Java harness), progress on stderr.
// Sizes, rounds and seeds follow the Java harness: full = 3 warm-up rounds and 3 s at least + 7 measured rounds,
// --quick = 1 warm-up + 5 measured rounds with the smaller sizes; the figure is the median
// of the measured rounds; global.gc() runs before every round.
//
// Settings common to every workload (see README.md for why):
// - notifyManager.setScheduler(cb => cb()): notifications are delivered synchronously,
//   before the call that caused them returns (the default is setTimeout(cb, 0)).
// - gcTime: Infinity for queries and mutations, so no per-query / per-mutation gc timer is
//   ever scheduled and nothing is removed from a cache during a run. Under Node, query-core
//   treats the process as a server (no `window`), and there the default gcTime is already
//   Infinity (the browser default is 5 minutes: one setTimeout per unobserved query). The
//   harness relies on that default, pins it with environmentManager.setIsServer(() => true)
//   and checks it, rather than passing defaultOptions: {queries: {gcTime: Infinity}} to the
//   QueryClient, because on Node 20 any non-empty defaultOptions.queries makes every
//   defaultQueryOptions() call (i.e. every getQueryData/setQueryData) several times slower
//   (V8 slow path for the object spread); see README.md.
// - NODE_ENV defaults to "production" (set below, before query-core is loaded), so the
//   library's development-only checks are skipped, as in a production bundle.

import { spawnSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'

// global.gc is needed between rounds and for W6: re-run under --expose-gc if it is missing.
if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  )
  process.exit(child.status ?? 1)
}

process.env.NODE_ENV ??= 'production'

const { QueryClient, QueryObserver, MutationObserver, notifyManager, environmentManager } = await import(
  '@tanstack/query-core'
)
const { version: QUERY_CORE_VERSION } = JSON.parse(
  (await import('node:fs')).readFileSync(
    new URL('./node_modules/@tanstack/query-core/package.json', import.meta.url),
    'utf8',
  ),
)

// Synchronous notification: anything query-core schedules (batched listener calls,
// notifyManager.batchCalls wrappers as the framework adapters use) runs at once.
notifyManager.setScheduler((cb) => cb())
// Server mode: default gcTime Infinity (no gc timers), retry 0, no stale/refetch-interval
// timers in observers. This is what query-core picks under Node anyway.
environmentManager.setIsServer(() => true)

const ALL = ['W1', 'W2', 'W3', 'W4', 'W5', 'W6']

// ---------------------------------------------------------------------------------------
// Command line

function parseArgs(argv) {
  let quick = false
  let n = null
  let only = [...ALL]
  const valueOf = (i) => {
    if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`)
    return argv[i + 1]
  }
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--quick':
        quick = true
        break
      case '--n': {
        const text = valueOf(i++)
        n = Number(text.replaceAll('_', ''))
        if (!Number.isInteger(n) || n < 100 || n % 100 !== 0) {
          throw new Error(`--n: must be a positive multiple of 100, was ${text}`)
        }
        break
      }
      case '--only':
        only = valueOf(i++)
          .split(',')
          .map((w) => w.trim().toUpperCase())
        for (const w of only) {
          if (!ALL.includes(w)) throw new Error(`--only: unknown workload ${w}, expected some of ${ALL}`)
        }
        break
      default:
        throw new Error(`unknown argument ${argv[i]}`)
    }
  }
  return { quick, n, only: ALL.filter((w) => only.includes(w)) }
}

// ---------------------------------------------------------------------------------------
// Helpers

const progress = (msg) => process.stderr.write(msg + '\n')
const now = () => process.hrtime.bigint()

/** Keeps values observable so that V8 cannot drop measured reads as dead code. */
let sink = 0
const consume = (v) => {
  sink = (sink + v) | 0
}

/** A seeded PRNG (mulberry32), so that runs pick the same keys. */
function random(seed) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { nextInt: (bound) => Math.floor(next() * bound) }
}

function fullGc() {
  for (let i = 0; i < 3; i++) globalThis.gc()
}

/** Heap in use once collections no longer free anything. */
function usedAfterGc() {
  let used = Infinity
  for (let i = 0; i < 10; i++) {
    globalThis.gc()
    const current = process.memoryUsage().heapUsed
    if (current >= used) return current
    used = current
  }
  return used
}

/**
 * Runs `warmups` rounds at least, and more until `warmupNs` passed (at most 200, the Java
 * harness's rule), then `measured` rounds, gc before each; `round` returns the nanoseconds (a
 * bigint) of its measured part. Returns the median ns per op.
 */
async function nanosPerOp(rounds, opsPerRound, label, round) {
  const warmupStart = process.hrtime.bigint()
  for (let i = 0; i < 200 && (i < rounds.warmups || process.hrtime.bigint() - warmupStart < rounds.warmupNs); i++) {
    fullGc()
    await round()
  }
  const perOp = []
  for (let i = 0; i < rounds.measured; i++) {
    fullGc()
    const ns = Number(await round())
    perOp.push(ns / opsPerRound)
    progress(`  ${label} round ${i + 1}/${rounds.measured}: ${(ns / opsPerRound).toFixed(1)} ns/op`)
  }
  perOp.sort((a, b) => a - b)
  const m = perOp.length
  return m % 2 === 1 ? perOp[(m - 1) / 2] : (perOp[m / 2 - 1] + perOp[m / 2]) / 2
}

const round1 = (x) => Math.round(x * 10) / 10

/** One output line: fields in the order given; numbers rounded to one decimal. */
function line(fields) {
  const out = {}
  for (const [k, v] of Object.entries(fields)) {
    out[k] = typeof v === 'number' && !Number.isInteger(v) ? round1(v) : v
  }
  return out
}

/**
 * A client as the workloads need it: default options (none), so gcTime is the server
 * default, Infinity: no gc timers (see the header comment and checkNoGcTimers).
 */
function newClient() {
  const client = new QueryClient()
  client.mount()
  return client
}

/** Throws unless every query and mutation of the client has gcTime Infinity. */
function checkNoGcTimers(client, workload) {
  const finite = [...client.getQueryCache().getAll(), ...client.getMutationCache().getAll()].filter(
    (entry) => entry.gcTime !== Infinity,
  )
  if (finite.length) throw new Error(`${workload}: ${finite.length} cache entries with a finite gcTime`)
}

function closeClient(client) {
  client.clear()
  client.unmount()
}

/** K(i) = ["plugin-" + (i % F), "item", {id: i, page: i % 7}], built anew. */
const makeKey = (i, families) => [`plugin-${i % families}`, 'item', { id: i, page: i % 7 }]

function checkN(n) {
  if (n < 100 || n % 100 !== 0) throw new Error(`n must be a positive multiple of 100, was ${n}`)
  return n / 100
}

// ---------------------------------------------------------------------------------------
// W1: setQueryData(K(i), i) for i in 0..n-1 into an empty cache

async function w1(n, rounds) {
  const F = checkN(n)
  const ns = await nanosPerOp(rounds, n, 'W1', () => {
    const client = newClient()
    const start = now()
    for (let i = 0; i < n; i++) {
      client.setQueryData(makeKey(i, F), i)
    }
    const elapsed = now() - start
    checkNoGcTimers(client, 'W1')
    closeClient(client)
    return elapsed
  })
  return [
    line({ workload: 'W1', n, ops: n, ns_per_op: ns, note: 'ns per setQueryData, key built per call, empty cache each round' }),
  ]
}

// ---------------------------------------------------------------------------------------
// W2, W2b, W2base: random reads of existing keys

async function w2(n, reads, rounds) {
  const F = checkN(n)
  const rnd = random(42)
  const picks = new Int32Array(reads)
  for (let r = 0; r < reads; r++) picks[r] = rnd.nextInt(n)

  const client = newClient()
  const held = new Array(n)
  // W2base: JS has no Map with structural keys, so the baseline is the usual idiom: a Map
  // keyed by JSON.stringify of the same array key [`plugin-${f}`, 'item', {id, page}],
  // built anew for every call. Plain JSON.stringify (no key sorting) is order-dependent,
  // which is fine here because every key is built with the same property order; it is a
  // lower bound for "hashing a structured key" in JS. (TanStack's own hashKey is
  // JSON.stringify with a replacer that sorts object keys, so it is order-independent.)
  const plain = new Map()
  for (let i = 0; i < n; i++) {
    held[i] = makeKey(i, F)
    client.setQueryData(held[i], i)
    plain.set(JSON.stringify(makeKey(i, F)), i)
  }

  // Three loops written out, not one loop over three read functions, so each stays
  // monomorphic.
  const fresh = await nanosPerOp(rounds, reads, 'W2', () => {
    let sum = 0
    const start = now()
    for (let r = 0; r < reads; r++) {
      const i = picks[r]
      sum += client.getQueryData([`plugin-${i % F}`, 'item', { id: i, page: i % 7 }]) ?? -1
    }
    const elapsed = now() - start
    consume(sum)
    return elapsed
  })
  const heldKeys = await nanosPerOp(rounds, reads, 'W2b', () => {
    let sum = 0
    const start = now()
    for (let r = 0; r < reads; r++) {
      sum += client.getQueryData(held[picks[r]]) ?? -1
    }
    const elapsed = now() - start
    consume(sum)
    return elapsed
  })
  const base = await nanosPerOp(rounds, reads, 'W2base', () => {
    let sum = 0
    const start = now()
    for (let r = 0; r < reads; r++) {
      const i = picks[r]
      sum += plain.get(JSON.stringify([`plugin-${i % F}`, 'item', { id: i, page: i % 7 }])) ?? -1
    }
    const elapsed = now() - start
    consume(sum)
    return elapsed
  })
  closeClient(client)
  return [
    line({ workload: 'W2', n, ops: reads, ns_per_op: fresh, vs_base: fresh / base, note: 'ns per getQueryData, key built anew per call' }),
    line({ workload: 'W2b', n, ops: reads, ns_per_op: heldKeys, note: 'ns per getQueryData, keys built beforehand (query-core still hashes the key on every call)' }),
    line({ workload: 'W2base', n, ops: reads, ns_per_op: base, note: 'JS Map keyed by JSON.stringify([...]) of the same array key, key built anew per call' }),
  ]
}

// ---------------------------------------------------------------------------------------
// W3: prefix invalidation, each call marks 100 valid queries invalid; no observers

async function w3(n, calls, rounds) {
  const F = checkN(n)
  const client = newClient()
  const held = new Array(n)
  for (let i = 0; i < n; i++) {
    held[i] = makeKey(i, F)
    client.setQueryData(held[i], i)
  }
  const rnd = random(7)
  let matched = 0
  let refetched = 0
  const ns = await nanosPerOp(rounds, calls, `W3 n=${n}`, () => {
    let elapsed = 0n
    matched = 0
    for (let call = 0; call < calls; call++) {
      const f = rnd.nextInt(F)
      const start = now()
      // The plain call, as application code writes it: refetchType defaults to 'active',
      // and with no observers no query is active, so nothing refetches.
      client.invalidateQueries({ queryKey: [`plugin-${f}`] })
      elapsed += now() - start
      // Outside the timing: count what the call marked, then write the family back so it
      // is valid again for the next call (setQueryData clears isInvalidated).
      for (let i = f; i < n; i += F) {
        const state = client.getQueryState(held[i])
        if (state.isInvalidated) matched++
        if (state.fetchStatus !== 'idle') refetched++
        client.setQueryData(held[i], i)
      }
    }
    return elapsed
  })
  closeClient(client)
  if (refetched !== 0) throw new Error(`W3 n=${n}: ${refetched} queries started fetching`)
  return [
    line({
      workload: 'W3',
      n,
      ops: calls,
      ns_per_op: ns,
      matched: matched / calls,
      note: "ns per invalidateQueries({queryKey: ['plugin-f']}), each call marks 100 valid queries invalid",
    }),
  ]
}

// ---------------------------------------------------------------------------------------
// W4: keys each observed by one subscribed QueryObserver; setQueryData(key, v => v + 1)
// round-robin

async function w4(keyCount, updates, rounds) {
  const client = newClient()
  const keys = new Array(keyCount)
  const unsubscribes = []
  let notified = 0
  let fetches = 0
  for (let i = 0; i < keyCount; i++) {
    keys[i] = ['counter', i]
    client.setQueryData(keys[i], 0)
    const observer = new QueryObserver(client, {
      queryKey: keys[i],
      // Never called: data is present and staleTime is Infinity, so nothing fetches.
      queryFn: () => {
        fetches++
        return 0
      },
      staleTime: Infinity,
    })
    // Wrapped with batchCalls as the framework adapters do; with the synchronous
    // scheduler the callback still runs before setQueryData returns.
    unsubscribes.push(observer.subscribe(notifyManager.batchCalls(() => notified++)))
  }
  notified = 0
  let lastRound = 0
  const ns = await nanosPerOp(rounds, updates, 'W4', () => {
    const before = notified
    const start = now()
    for (let u = 0; u < updates; u++) {
      client.setQueryData(keys[u % keyCount], (v) => v + 1)
    }
    const elapsed = now() - start
    lastRound = notified - before
    return elapsed
  })
  unsubscribes.forEach((unsubscribe) => unsubscribe())
  closeClient(client)
  if (fetches !== 0) throw new Error(`W4: ${fetches} fetches`)
  if (lastRound !== updates) throw new Error(`W4: ${lastRound} callbacks for ${updates} updates`)
  return [
    line({
      workload: 'W4',
      n: keyCount,
      ops: updates,
      ns_per_op: ns,
      notified: lastRound,
      note: 'ns per setQueryData(key, v => v + 1) with one subscribed QueryObserver per key, synchronous notification',
    }),
  ]
}

// ---------------------------------------------------------------------------------------
// W5: optimistic mark-as-read mutations, one after another, each awaited

/** The projection: a new array in which row `id` is marked read. */
function markRead(rows, id) {
  const copy = rows.slice()
  copy[id] = { ...copy[id], read: true }
  return copy
}

async function w5(rowCount, mutations, rounds) {
  const initial = []
  for (let id = 0; id < rowCount; id++) initial.push({ id, read: false })
  const key = ['notifications']

  const client = newClient()
  let errors = 0
  // As TanStack's "Optimistic Updates" guide prescribes (via the cache): cancel outgoing
  // refetches, snapshot, write the optimistic value, return the snapshot; roll back on
  // error; invalidate on settle. The query has no queryFn and no observer, so it is never
  // active and the invalidation refetches nothing.
  const observer = new MutationObserver(client, {
    mutationFn: (id) => Promise.resolve(id),
    onMutate: async (id) => {
      await client.cancelQueries({ queryKey: key })
      const previous = client.getQueryData(key)
      client.setQueryData(key, (old) => markRead(old, id))
      return { previous }
    },
    onError: (_error, _id, onMutateResult) => {
      errors++
      client.setQueryData(key, onMutateResult?.previous)
    },
    onSettled: () => client.invalidateQueries({ queryKey: key }),
  })

  const cycle = await nanosPerOp(rounds, mutations, 'W5', async () => {
    client.setQueryData(key, initial)
    const begin = now()
    for (let i = 0; i < mutations; i++) {
      await observer.mutate(i % rowCount)
    }
    const elapsed = now() - begin
    // Outside the timing: drop the finished mutations the cache keeps (gcTime: Infinity).
    checkNoGcTimers(client, 'W5')
    client.getMutationCache().clear()
    return elapsed
  })
  const last = client.getQueryData(key)
  const state = client.getQueryState(key)
  observer.reset()
  closeClient(client)
  const readCount = last.filter((row) => row.read).length
  if (errors !== 0 || readCount !== Math.min(rowCount, mutations) || state.fetchStatus !== 'idle') {
    throw new Error(`W5 ended wrong: ${readCount} rows read, ${errors} errors, fetchStatus ${state.fetchStatus}`)
  }

  const projection = await nanosPerOp(rounds, mutations, 'W5 projection', () => {
    let rows = initial
    const begin = now()
    for (let i = 0; i < mutations; i++) {
      rows = markRead(rows, i % rowCount)
    }
    const elapsed = now() - begin
    consume(rows.length)
    return elapsed
  })
  return [
    line({
      workload: 'W5',
      n: mutations,
      ops: mutations,
      ns_per_op: cycle,
      rows: rowCount,
      projection_ns: projection,
      overhead_ns: cycle - projection,
      note: 'ns per awaited MutationObserver.mutate with optimistic onMutate/onError/onSettled; overhead_ns = ns_per_op - projection_ns',
    }),
  ]
}

// ---------------------------------------------------------------------------------------
// W6: bytes of heap per cached query holding a number

async function w6(n) {
  const F = checkN(n)
  const before = usedAfterGc()
  const client = newClient()
  for (let i = 0; i < n; i++) {
    client.setQueryData(makeKey(i, F), i)
  }
  const after = usedAfterGc()
  const size = client.getQueryCache().getAll().length // keeps the client reachable
  closeClient(client)
  if (size !== n) throw new Error(`W6: ${size} queries cached, expected ${n}`)
  return [
    line({
      workload: 'W6',
      n,
      bytes_per_entry: (after - before) / n,
      note: 'process.memoryUsage().heapUsed after gc with n queries cached, minus before, over n',
    }),
  ]
}

// ---------------------------------------------------------------------------------------

async function main() {
  let settings
  try {
    settings = parseArgs(process.argv.slice(2))
  } catch (e) {
    progress(`workloads: ${e.message}`)
    progress('usage: node --expose-gc workloads.mjs [--quick] [--n N] [--only W1,W2,...]')
    process.exit(2)
  }
  const { quick } = settings
  const nOr = (quickDefault, fullDefault) => settings.n ?? (quick ? quickDefault : fullDefault)
  const rounds = quick ? { warmups: 1, measured: 5, warmupNs: 0n } : { warmups: 3, measured: 7, warmupNs: 3_000_000_000n }
  progress(`@tanstack/query-core ${QUERY_CORE_VERSION}, node ${process.version}, NODE_ENV=${process.env.NODE_ENV}`)

  let count = 0
  const emit = (lines) => {
    for (const l of lines) {
      process.stdout.write(JSON.stringify(l) + '\n')
      count++
    }
  }
  const t0 = Date.now()
  for (const workload of settings.only) {
    progress(`running ${workload}${quick ? ' (quick)' : ''} ...`)
    switch (workload) {
      case 'W1':
        emit(await w1(nOr(10_000, 100_000), rounds))
        break
      case 'W2':
        emit(await w2(nOr(10_000, 100_000), quick ? 100_000 : 1_000_000, rounds))
        break
      case 'W3': {
        const sizes = settings.n != null ? [settings.n] : quick ? [1_000, 10_000] : [10_000, 100_000, 1_000_000]
        // Calls per round as in the Java harness (2 000, quick 200), except that query-core's
        // invalidateQueries scans the whole cache (twice: once to invalidate, once to find
        // active queries to refetch), so a call costs O(n); to keep a round at a few seconds
        // the calls per round are capped at 2e7 / n (200 at n = 100 000, 20 at 1 000 000).
        // Each call is timed on its own either way, and "ops" reports the count used.
        for (const n of sizes) {
          const calls = Math.min(quick ? 200 : 2_000, Math.max(10, Math.floor(2e7 / n)))
          emit(await w3(n, calls, rounds))
        }
        break
      }
      case 'W4':
        emit(await w4(quick ? 100 : 1_000, quick ? 100_000 : 1_000_000, rounds))
        break
      case 'W5':
        emit(await w5(1_000, quick ? 5_000 : 100_000, rounds))
        break
      case 'W6':
        emit(await w6(nOr(10_000, 100_000)))
        break
    }
  }
  progress(`done: ${count} lines in ${((Date.now() - t0) / 1000).toFixed(1)} s (sink ${sink})`)
}

await main()
