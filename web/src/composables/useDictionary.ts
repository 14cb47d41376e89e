// Options for the selects of coded fields, and the division tree for 籍贯 / 出生地: fetched once per
// page load and shared by every page that asks (a failed fetch is retried on the next ask).
//
//   const { options } = useDictionary('ethnicity')   // [{label: '汉族', value: '汉族', code: '01', …}]
//   <el-select v-model="form.ethnicity"><el-option v-for="o in options" v-bind="o" :key="o.code" /></el-select>
//
//   const { tree, cascaderProps } = useDivisions()
//   <el-cascader v-model="code" :options="tree" :props="cascaderProps" filterable />
//
// Coded fields carry the label as written on the form, so an option's value is its label and the
// national code travels beside it. Disabled items stay in the list (marked disabled) so that an old
// record's value still shows.
import { ref, type Ref } from 'vue'
import { fetchDictionary, fetchDivisions, type DictKind, type DivisionNode } from '../api/dictionary'

export interface DictOption {
  label: string
  value: string
  code: string
  disabled: boolean
}

interface Entry<T> {
  value: Ref<T>
  loading: Ref<boolean>
  ready: Promise<void>
}

const dictionaries = new Map<DictKind, Entry<DictOption[]>>()
let divisions: Entry<DivisionNode[]> | null = null

function load<T>(entry: Entry<T> | null, fetch: () => Promise<T>, forget: () => void): Entry<T> {
  const value = entry?.value ?? (ref() as Ref<T>)
  const loading = entry?.loading ?? ref(false)
  loading.value = true
  const ready = fetch()
    .then((fetched) => {
      value.value = fetched
    })
    .catch(() => {
      forget() // try again the next time a page asks
    })
    .finally(() => {
      loading.value = false
    })
  return { value, loading, ready }
}

function fetchOptions(kind: DictKind): Promise<DictOption[]> {
  return fetchDictionary(kind, { silent: true }).then((dictionary) =>
    dictionary.items.map((item) => ({
      label: item.label,
      value: item.label,
      code: item.code,
      disabled: !item.enabled,
    })),
  )
}

export function useDictionary(kind: DictKind) {
  let entry = dictionaries.get(kind)
  if (!entry) {
    const created: Entry<DictOption[]> = load(
      { value: ref<DictOption[]>([]), loading: ref(false), ready: Promise.resolve() },
      () => fetchOptions(kind),
      () => {
        if (dictionaries.get(kind) === created) dictionaries.delete(kind)
      },
    )
    dictionaries.set(kind, created)
    entry = created
  }
  const options = entry.value
  return {
    options,
    loading: entry.loading,
    ready: entry.ready,
    // The national code of a label ('' when unknown: the server fills it from the label).
    codeOf: (label: string) => options.value.find((option) => option.label === label)?.code ?? '',
    // The enabled option with this label, if any (what a new record may take).
    find: (label: string) => options.value.find((option) => option.label === label && !option.disabled),
  }
}

// Fetches `kind` again for every page that uses it (after 字典管理 changed it); a kind no page has
// asked for yet is left to be fetched when one does.
export function refreshDictionary(kind: DictKind): Promise<void> {
  const entry = dictionaries.get(kind)
  if (!entry) return Promise.resolve()
  const refreshed: Entry<DictOption[]> = load(entry, () => fetchOptions(kind), () => {})
  dictionaries.set(kind, refreshed)
  return refreshed.ready
}

// For el-cascader: the division code is the value; pick at any level (a 籍贯 may be a 市).
export const divisionCascaderProps = {
  value: 'code',
  label: 'name',
  children: 'children',
  checkStrictly: true,
  emitPath: false,
} as const

export function useDivisions() {
  if (!divisions) {
    const created: Entry<DivisionNode[]> = load(
      { value: ref<DivisionNode[]>([]), loading: ref(false), ready: Promise.resolve() },
      () => fetchDivisions({ silent: true }),
      () => {
        if (divisions === created) divisions = null
      },
    )
    divisions = created
  }
  const tree = divisions.value
  return {
    tree,
    loading: divisions.loading,
    ready: divisions.ready,
    cascaderProps: divisionCascaderProps,
    // The divisions from the province down to `code` ([] when unknown).
    pathTo: (code: string) => divisionPath(tree.value, code),
  }
}

export function divisionPath(tree: DivisionNode[], code: string): DivisionNode[] {
  for (const node of tree) {
    if (node.code === code) return [node]
    const below = divisionPath(node.children ?? [], code)
    if (below.length) return [node, ...below]
  }
  return []
}

// For tests: forget everything fetched.
export function resetDictionaryCache() {
  dictionaries.clear()
  divisions = null
}
