// Reference harness: the collection workloads W8, W8b, W8c, W9, W9p and W10 of docs/benchmarks.md
// run against TanStack DB (@tanstack/db, pinned in package.json) under Node.js, so that the
// Java harness's figures (benchmarks/src/main/java/dev/querycache/bench/CollectionWrites.java)
// can be set beside them, measured in one sitting.
//
//   node --expose-gc workloads.mjs [--quick] [--only W8,W8b,...]
//
// One JSON object per line on stdout (the Java harness's shape), progress on stderr. Rounds
// as the Java harness runs them: warm-up rounds (one at least and, in a full run, 3 seconds
// at least), then five measured; the figure is the median of the measured rounds; a full
// collection before every round.
//
// How each workload maps onto TanStack DB (see README.md):
// - The collection is a plain createCollection whose sync function hands the harness its
//   begin/write/commit: the n starting rows are its first sync batch, and "the server's echo"
//   is a sync batch written from inside the handler (a new object equal to the row), which
//   TanStack DB holds while the transaction persists and applies when it completes.
// - A write is awaited through its transaction's isPersisted.promise.

import { spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

if (typeof globalThis.gc !== 'function') {
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', ...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
    { stdio: 'inherit' },
  )
  process.exit(child.status ?? 1)
}

process.env.NODE_ENV ??= 'production'

const { createCollection, createTransaction } = await import('@tanstack/db')
const { version: DB_VERSION } = JSON.parse(
  readFileSync(new URL('./node_modules/@tanstack/db/package.json', import.meta.url), 'utf8'),
)

const ALL = ['W8', 'W8B', 'W8C', 'W9', 'W9P', 'W10']

function parseArgs(argv) {
  let quick = false
  let only = [...ALL]
  for (let i = 0; i < argv.length; i++) {
    switch (argv[i]) {
      case '--quick':
        quick = true
        break
      case '--only':
        if (i + 1 >= argv.length) throw new Error('--only needs a value')
        only = argv[++i].split(',').map((w) => w.trim().toUpperCase())
        for (const w of only) {
          if (!ALL.includes(w)) throw new Error(`--only: unknown workload ${w}, expected some of ${ALL}`)
        }
        break
      default:
        throw new Error(`unknown argument ${argv[i]}`)
    }
  }
  return { quick, only: ALL.filter((w) => only.includes(w)) }
}

const progress = (msg) => process.stderr.write(msg + '\n')
const now = () => process.hrtime.bigint()

let sink = 0
const consume = (v) => {
  sink = (sink + v) | 0
}

/** The workloads' generator: seed 42, then seed * 1103515245 + 12345 in 32-bit arithmetic. */
function randomRows(n, count) {
  const rows = new Int32Array(count)
  let seed = 42
  for (let k = 0; k < count; k++) {
    seed = (Math.imul(seed, 1103515245) + 12345) & 0x7fffffff
    rows[k] = seed % n
  }
  return rows
}

const keys = (n) => Array.from({ length: n }, (_, i) => `row-${i}`)
const todos = (n) => Array.from({ length: n }, (_, i) => ({ id: `row-${i}`, title: `Task ${i}`, done: false }))

/** Whether this is a --quick run: one warm-up round, no warm-up time. */
let quickRun = false

function fullGc() {
  for (let i = 0; i < 3; i++) globalThis.gc()
}

/**
 * Runs warm-up rounds (one at least, and, in a full run, for 3 seconds at least, at most 200:
 * the Java harness's rule), then `measured` rounds of `round()` (which returns its elapsed ns):
 * the median per op.
 */
async function nanosPerOp(measured, opsPerRound, label, round) {
  const warmupNs = quickRun ? 0n : 3_000_000_000n
  const warmupStart = process.hrtime.bigint()
  for (let w = 0; w < 200 && (w < 1 || process.hrtime.bigint() - warmupStart < warmupNs); w++) {
    fullGc()
    const elapsed = await round()
    progress(`  ${label} warm-up ${w}: ${(Number(elapsed) / opsPerRound).toFixed(1)} ns/op`)
  }
  const times = []
  for (let r = 1; r <= measured; r++) {
    fullGc()
    const elapsed = await round()
    times.push(Number(elapsed) / opsPerRound)
    progress(`  ${label} round ${r}: ${(Number(elapsed) / opsPerRound).toFixed(1)} ns/op`)
  }
  times.sort((a, b) => a - b)
  return times[Math.floor(times.length / 2)]
}

const round1 = (x) => Math.round(x * 10) / 10

function line(fields) {
  return JSON.stringify({ harness: 'tanstack-db', version: DB_VERSION, node: process.version, ...fields })
}

/**
 * A collection of `rows` whose sync hands back its begin/write/commit (the server's channel),
 * with `handlers` (onInsert, onUpdate: given that channel). Resolves once the rows are ready.
 */
async function collection(id, rows, handlers) {
  const server = {}
  const options = {
    id,
    getKey: (row) => row.id,
    startSync: true,
    sync: {
      sync: ({ begin, write, commit, markReady }) => {
        server.begin = begin
        server.write = write
        server.commit = commit
        begin()
        for (const row of rows) write({ type: 'insert', value: row })
        commit()
        markReady()
      },
    },
  }
  if (handlers.onUpdate) options.onUpdate = (params) => handlers.onUpdate(params, server)
  if (handlers.onInsert) options.onInsert = (params) => handlers.onInsert(params, server)
  const made = createCollection(options)
  await made.stateWhenReady()
  return { collection: made, server }
}

/** The server's echo: the rows written back as a sync batch of new, equal objects. */
function echo(server, type, rows) {
  server.begin()
  for (const row of rows) server.write({ type, value: { ...row } })
  server.commit()
}

async function w8(n, updates, rounds) {
  const { collection: c } = await collection('w8', todos(n), {
    onUpdate: async ({ transaction }, server) => echo(server, 'update', transaction.mutations.map((m) => m.modified)),
  })
  const k = keys(n)
  const rows = randomRows(n, updates)
  const perUpdate = await nanosPerOp(rounds, updates, 'W8', async () => {
    const begin = now()
    for (let i = 0; i < updates; i++) {
      await c.update(k[rows[i]], (draft) => {
        draft.done = !draft.done
      }).isPersisted.promise
    }
    return now() - begin
  })
  if (c.size !== n) throw new Error(`W8 ended with ${c.size} rows, not ${n}`)
  await c.cleanup()
  return line({ workload: 'W8', n, ops: updates, ns_per_op: round1(perUpdate),
    note: 'ns per update of a random row, persisted by a handler that echoes the row back; awaited' })
}

async function w8c(n, updates, rounds) {
  const made = await w8cWith(n, updates, rounds, 'W8c', () => new Error('refused'))
  const refusal = new Error('refused')
  const prebuilt = await w8cWith(n, updates, rounds, 'W8c, one error for all', () => refusal)
  return line({ workload: 'W8c', n, ops: updates, ns_per_op: round1(made), prebuilt_failure_ns: round1(prebuilt),
    note: 'ns per update of a random row whose handler fails, rolled back and checked; awaited'
      + ' (prebuilt_failure_ns: the same with one error made once, so that no stack is captured per update)' })
}

/** W8c with a handler that throws `failure()`: the median ns per update. */
async function w8cWith(n, updates, rounds, label, failure) {
  const { collection: c } = await collection(`w8c-${label}`, todos(n), {
    onUpdate: async () => {
      throw failure()
    },
  })
  const k = keys(n)
  const rows = randomRows(n, updates)
  const perUpdate = await nanosPerOp(rounds, updates, label, async () => {
    const begin = now()
    for (let i = 0; i < updates; i++) {
      const key = k[rows[i]]
      const tx = c.update(key, (draft) => {
        draft.done = !draft.done
      })
      try {
        await tx.isPersisted.promise
        throw new Error('W8c: an update persisted')
      } catch (refused) {
        if (refused.message === 'W8c: an update persisted') throw refused
        if (c.get(key).done) throw new Error(`W8c: row ${key} was not rolled back`)
      }
    }
    return now() - begin
  })
  await c.cleanup()
  return perUpdate
}

async function w8b(n, transactions, size, rounds) {
  const total = Math.max(n, size)
  const { collection: c, server } = await collection(`w8b-${size}`, todos(total), {})
  const k = keys(total)
  const perChange = await nanosPerOp(rounds, transactions * size, `W8b ${size}`, async () => {
    const begin = now()
    for (let t = 0; t < transactions; t++) {
      const tx = createTransaction({
        autoCommit: false,
        mutationFn: async ({ transaction }) => echo(server, 'update', transaction.mutations.map((m) => m.modified)),
      })
      for (let i = 0; i < size; i++) {
        const key = k[i]
        tx.mutate(() =>
          c.update(key, (draft) => {
            draft.done = !draft.done
          }),
        )
      }
      await tx.commit()
    }
    return now() - begin
  })
  if (c.size !== total) throw new Error(`W8b ended with ${c.size} rows`)
  await c.cleanup()
  return line({ workload: 'W8b', n: size, ops: transactions * size, transactions, ns_per_op: round1(perChange),
    note: `ns per change of a transaction of ${size} single-row update calls, committed and echoed in one write` })
}

/**
 * W9 and its push variant W9P: rows with client-minted ids inserted into a fresh collection
 * per round, each echoed by the server with its createdAt. W9's echo is written back from
 * inside the handler; W9P's arrives as a push (a microtask of its own, as a stream's message
 * would) before the handler's answer. TanStack DB has one way for server data to land, its
 * sync, and holds it while the transaction persists, so both are the same sync write here.
 */
async function w9(n, inserts, rounds, push) {
  const workload = push ? 'W9P' : 'W9'
  let round = 0
  const initial = Array.from({ length: n }, (_, i) => ({ id: `row-${i}`, text: `Note ${i}`, createdAt: 1 }))
  const onInsert = push
    ? ({ transaction }, server) => new Promise((answer) => {
        const rows = transaction.mutations.map((m) => ({ ...m.modified, createdAt: 2 }))
        queueMicrotask(() => {
          echo(server, 'insert', rows) // the push
          answer() // then the handler's answer
        })
      })
    : async ({ transaction }, server) =>
        echo(server, 'insert', transaction.mutations.map((m) => ({ ...m.modified, createdAt: 2 })))
  const perInsert = await nanosPerOp(rounds, inserts, workload, async () => {
    const r = round++
    const { collection: c } = await collection(`${workload}-${r}`, initial, { onInsert })
    const ids = Array.from({ length: inserts }, (_, k) => `new-${r}-${k}`)
    const begin = now()
    for (let k = 0; k < inserts; k++) {
      await c.insert({ id: ids[k], text: `Text ${k}`, createdAt: 0 }).isPersisted.promise
    }
    const elapsed = now() - begin
    const size = c.size
    const confirmed = c.get(ids[inserts - 1]).createdAt
    await c.cleanup()
    if (size !== n + inserts || confirmed !== 2) {
      throw new Error(`${workload} ended with ${size} rows, the last one's createdAt ${confirmed}`)
    }
    return elapsed
  })
  return line({ workload, n, ops: inserts, ns_per_op: round1(perInsert),
    note: push
      ? 'ns per insert of a row with a client-minted id, whose echo (with createdAt) arrives as a push before the answer; awaited; one row each'
      : 'ns per insert of a row with a client-minted id, echoed by the server with createdAt; awaited; one row each' })
}

async function w10(n, reads, rounds) {
  const { collection: c } = await collection('w10', todos(n), {
    onUpdate: async ({ transaction }, server) => echo(server, 'update', transaction.mutations.map((m) => m.modified)),
  })
  await c.update('row-0', (draft) => {
    draft.done = !draft.done
  }).isPersisted.promise
  const plain = new Map()
  for (const row of c.values()) plain.set(row.id, row)
  const k = keys(n)
  const rows = randomRows(n, reads)
  const collectionNs = await nanosPerOp(rounds, reads, 'W10 collection', async () => {
    const begin = now()
    let found = 0
    for (let i = 0; i < reads; i++) found += c.get(k[rows[i]]) !== undefined ? 1 : 0
    const elapsed = now() - begin
    consume(found)
    return elapsed
  })
  const mapNs = await nanosPerOp(rounds, reads, 'W10 Map', async () => {
    const begin = now()
    let found = 0
    for (let i = 0; i < reads; i++) found += plain.get(k[rows[i]]) !== undefined ? 1 : 0
    const elapsed = now() - begin
    consume(found)
    return elapsed
  })
  await c.cleanup()
  return line({ workload: 'W10', n, ops: reads, ns_per_op: round1(collectionNs), map_ns: round1(mapNs),
    ratio: round1(collectionNs / mapNs), note: 'ns per read of a random row by key (collection.get), beside a Map get of the same rows' })
}

async function main() {
  const settings = parseArgs(process.argv.slice(2))
  const quick = settings.quick
  quickRun = quick
  const rounds = 5
  const emit = (text) => process.stdout.write(text + '\n')
  progress(`@tanstack/db ${DB_VERSION} on Node ${process.version}${quick ? ' (quick)' : ''}`)
  const t0 = Date.now()
  for (const workload of settings.only) {
    progress(`running ${workload} ...`)
    switch (workload) {
      case 'W8':
        emit(await w8(10_000, quick ? 10_000 : 100_000, rounds))
        break
      case 'W8B':
        // TanStack DB re-merges the whole transaction on every update call: the cost per change
        // grows with the transaction, so fewer transactions are timed at the larger size.
        emit(await w8b(10_000, quick ? 2 : 10, 1_000, rounds))
        // A round of one transaction of 10 000 changes takes about a minute: three measured.
        emit(await w8b(10_000, 1, quick ? 2_000 : 10_000, quick ? rounds : 3))
        break
      case 'W8C':
        emit(await w8c(10_000, quick ? 10_000 : 100_000, rounds))
        break
      case 'W9':
        emit(await w9(10_000, quick ? 1_000 : 10_000, rounds, false))
        break
      case 'W9P':
        emit(await w9(10_000, quick ? 1_000 : 10_000, rounds, true))
        break
      case 'W10':
        emit(await w10(10_000, quick ? 100_000 : 1_000_000, rounds))
        break
    }
  }
  progress(`done in ${((Date.now() - t0) / 1000).toFixed(1)} s (sink ${sink})`)
}

await main()
