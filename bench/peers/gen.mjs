// Deterministic LDBC SNB-like social network, written once per scale as CSV files plus
// manifest.txt (one line per file: `node <Label> <file> <col:type>...` or
// `rel <TYPE> <FromLabel> <ToLabel> <file> <col:type>...`; rel files start with from,to).
// Every label's ids are dense from 0; strings never contain commas, quotes or tabs.
import fs from 'node:fs'
import path from 'node:path'
import { prng } from './prng.mjs'

const FIRST = ['Ann', 'Bo', 'Chen', 'Dara', 'Eli', 'Fatima', 'Goran', 'Hana', 'Ivan', 'Jun',
  'Kemal', 'Lena', 'Mo', 'Nia', 'Omar', 'Pia', 'Quinn', 'Rui', 'Sven', 'Tara']
const LAST = ['Smith', 'Garcia', 'Kim', 'Novak', 'Okafor', 'Rossi', 'Silva', 'Tanaka', 'Weber', 'Yilmaz']
const BROWSERS = ['Firefox', 'Chrome', 'Safari', 'Opera', 'InternetExplorer']
const WORDS = ['graph', 'query', 'node', 'edge', 'path', 'index', 'page', 'cache', 'store', 'plan',
  'join', 'scan', 'hash', 'tree', 'wasm', 'bolt']
const T0 = 1262304000000 // 2010-01-01 in ms
const YEAR = 365 * 24 * 3600 * 1000

/** Entity counts for a scale (number of persons). */
export function sizes (scale) {
  return {
    Country: 10, City: 100, Tag: 50, Person: scale, Forum: Math.max(1, Math.ceil(scale / 4)),
    Post: 2 * scale, Comment: 4 * scale
  }
}

/** Writes the data set for `scale` into `dir` unless it is there already; returns `dir`. */
export function generate (scale, dir) {
  if (fs.existsSync(path.join(dir, 'manifest.txt'))) return dir
  fs.mkdirSync(dir, { recursive: true })
  const r = prng(20261121 + scale)
  const n = sizes(scale)
  const manifest = []
  const write = (kind, spec, file, header, rows) => {
    fs.writeFileSync(path.join(dir, file), header.map(h => h.split(':')[0]).join(',') + '\n' + rows.map(x => x.join(',')).join('\n') + (rows.length ? '\n' : ''))
    manifest.push([kind, ...spec, file, ...header.slice(kind === 'rel' ? 2 : 0)].join(' '))
  }
  const cols = (...c) => c
  const text = (k) => Array.from({ length: k }, () => WORDS[r.int(WORDS.length)]).join(' ')
  const range = (k) => Array.from({ length: k }, (_, i) => i)

  write('node', ['Country'], 'Country.csv', cols('id:int', 'name:string'), range(n.Country).map(i => [i, `Country${i}`]))
  write('node', ['City'], 'City.csv', cols('id:int', 'name:string'), range(n.City).map(i => [i, `City${i}`]))
  write('node', ['Tag'], 'Tag.csv', cols('id:int', 'name:string'), range(n.Tag).map(i => [i, `Tag${i}`]))
  const persons = range(n.Person).map(i => [i, FIRST[r.int(FIRST.length)], LAST[r.int(LAST.length)],
    r.int(2) ? 'female' : 'male', -3650 + r.int(14600), T0 + r.int(YEAR),
    `10.${r.int(256)}.${r.int(256)}.${r.int(256)}`, BROWSERS[r.int(BROWSERS.length)]])
  write('node', ['Person'], 'Person.csv', cols('id:int', 'firstName:string', 'lastName:string', 'gender:string',
    'birthday:int', 'creationDate:int', 'locationIP:string', 'browserUsed:string'), persons)
  const forums = range(n.Forum).map(i => [i, `Forum ${text(2)} ${i}`, T0 + r.int(YEAR)])
  write('node', ['Forum'], 'Forum.csv', cols('id:int', 'title:string', 'creationDate:int'), forums)
  // Message dates are unique: base + 1000 * index + jitter below 1000.
  const posts = range(n.Post).map(i => [i, text(3 + r.int(8)), T0 + YEAR + 1000 * i + r.int(1000), 20 + r.int(200)])
  write('node', ['Post'], 'Post.csv', cols('id:int', 'content:string', 'creationDate:int', 'length:int'), posts)
  const comments = range(n.Comment).map(i => [i, text(2 + r.int(6)), T0 + 2 * YEAR + 1000 * i + r.int(1000), 10 + r.int(100)])
  write('node', ['Comment'], 'Comment.csv', cols('id:int', 'content:string', 'creationDate:int', 'length:int'), comments)

  write('rel', ['IS_PART_OF', 'City', 'Country'], 'City_IS_PART_OF_Country.csv', cols('from', 'to'),
    range(n.City).map(i => [i, i % n.Country]))
  write('rel', ['IS_LOCATED_IN', 'Person', 'City'], 'Person_IS_LOCATED_IN_City.csv', cols('from', 'to'),
    range(n.Person).map(i => [i, r.int(n.City)]))
  // KNOWS: one relationship per unordered pair, no self loops; skewed towards low ids.
  const seen = new Set()
  const knows = []
  for (let i = 0; i < n.Person; i++) {
    const k = 1 + r.int(9)
    for (let t = 0; t < k; t++) {
      const j = Math.floor(n.Person * r.next() * r.next())
      const key = i < j ? `${i}:${j}` : `${j}:${i}`
      if (j === i || seen.has(key)) continue
      seen.add(key)
      knows.push([i, j, T0 + r.int(YEAR)])
    }
  }
  write('rel', ['KNOWS', 'Person', 'Person'], 'Person_KNOWS_Person.csv', cols('from', 'to', 'creationDate:int'), knows)
  write('rel', ['HAS_MODERATOR', 'Forum', 'Person'], 'Forum_HAS_MODERATOR_Person.csv', cols('from', 'to'),
    range(n.Forum).map(i => [i, r.int(n.Person)]))
  const members = []
  for (let f = 0; f < n.Forum; f++) {
    const ms = new Set()
    for (let t = 0; t < 5; t++) ms.add(r.int(n.Person))
    for (const p of ms) members.push([f, p, T0 + r.int(YEAR)])
  }
  write('rel', ['HAS_MEMBER', 'Forum', 'Person'], 'Forum_HAS_MEMBER_Person.csv', cols('from', 'to', 'joinDate:int'), members)
  write('rel', ['CONTAINER_OF', 'Forum', 'Post'], 'Forum_CONTAINER_OF_Post.csv', cols('from', 'to'),
    range(n.Post).map(i => [r.int(n.Forum), i]))
  write('rel', ['HAS_CREATOR', 'Post', 'Person'], 'Post_HAS_CREATOR_Person.csv', cols('from', 'to'),
    range(n.Post).map(i => [i, r.int(n.Person)]))
  write('rel', ['HAS_CREATOR', 'Comment', 'Person'], 'Comment_HAS_CREATOR_Person.csv', cols('from', 'to'),
    range(n.Comment).map(i => [i, r.int(n.Person)]))
  // REPLY_OF: half to a post, half to an earlier comment; reply chains stay at most 8 deep.
  const depth = new Array(n.Comment).fill(1)
  const toPost = []
  const toComment = []
  for (let c = 0; c < n.Comment; c++) {
    const parent = c > 0 && r.int(2) ? r.int(c) : -1
    if (parent >= 0 && depth[parent] < 8) {
      depth[c] = depth[parent] + 1
      toComment.push([c, parent])
    } else {
      toPost.push([c, r.int(n.Post)])
    }
  }
  write('rel', ['REPLY_OF', 'Comment', 'Post'], 'Comment_REPLY_OF_Post.csv', cols('from', 'to'), toPost)
  write('rel', ['REPLY_OF', 'Comment', 'Comment'], 'Comment_REPLY_OF_Comment.csv', cols('from', 'to'), toComment)
  const tags = (count) => {
    const out = []
    for (let i = 0; i < count; i++) {
      const a = r.int(n.Tag)
      out.push([i, a])
      if (r.int(2)) out.push([i, (a + 1 + r.int(n.Tag - 1)) % n.Tag])
    }
    return out
  }
  write('rel', ['HAS_TAG', 'Post', 'Tag'], 'Post_HAS_TAG_Tag.csv', cols('from', 'to'), tags(n.Post))
  write('rel', ['HAS_TAG', 'Forum', 'Tag'], 'Forum_HAS_TAG_Tag.csv', cols('from', 'to'), tags(n.Forum))
  const likes = (target, count) => {
    const out = []
    for (let p = 0; p < n.Person; p++) {
      const s = new Set()
      for (let t = 0; t < count; t++) s.add(r.int(target))
      for (const m of s) out.push([p, m, T0 + 2 * YEAR + r.int(YEAR)])
    }
    return out
  }
  write('rel', ['LIKES', 'Person', 'Post'], 'Person_LIKES_Post.csv', cols('from', 'to', 'creationDate:int'), likes(n.Post, 2))
  write('rel', ['LIKES', 'Person', 'Comment'], 'Person_LIKES_Comment.csv', cols('from', 'to', 'creationDate:int'), likes(n.Comment, 2))
  fs.writeFileSync(path.join(dir, 'manifest.txt'), manifest.join('\n') + '\n')
  return dir
}

/** Reads manifest.txt back: [{kind, label|type, from, to, file, columns: [{name, type}]}]. */
export function readManifest (dir) {
  return fs.readFileSync(path.join(dir, 'manifest.txt'), 'utf8').trim().split('\n').map(line => {
    const w = line.split(' ')
    const node = w[0] === 'node'
    const at = node ? 2 : 4
    const columns = w.slice(at + 1).map(c => { const [name, type] = c.split(':'); return { name, type } })
    return node
      ? { kind: 'node', label: w[1], file: w[2], columns }
      : { kind: 'rel', type: w[1], from: w[2], to: w[3], file: w[4], columns }
  })
}
