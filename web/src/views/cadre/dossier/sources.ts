// What the dossier's selects are fed with, fetched once per page load and shared by every open
// dossier: dictionaries (/api/dictionaries/{kind}), the division tree (/api/divisions) and the
// unit tree (/api/units). A failed fetch leaves the list empty (the select still shows the value).
import { ref, type Ref } from 'vue'
import { http } from '../../../api/http'
import { fetchUnits, type UnitNode } from '../../../api/org'
import type { DivisionNode } from './places'

export type DictKind = 'gender' | 'ethnicity' | 'party' | 'education_level' | 'degree' | 'relation' | 'health'

export interface DictOption {
  label: string
  value: string // the label: coded fields carry the label as written on the form
  code: string
  disabled: boolean
}

interface DictItem {
  code: string
  label: string
  sort_order: number
  enabled: boolean
}

const dictionaries = new Map<DictKind, Ref<DictOption[]>>()

export function dictionary(kind: DictKind): Ref<DictOption[]> {
  let options = dictionaries.get(kind)
  if (!options) {
    const created = ref<DictOption[]>([])
    dictionaries.set(kind, created)
    options = created
    http
      .get<{ items: DictItem[] }>(`/api/dictionaries/${kind}`, { silent: true })
      .then((response) => {
        created.value = [...response.items]
          .sort((a, b) => a.sort_order - b.sort_order)
          .map((item) => ({ label: item.label, value: item.label, code: item.code, disabled: !item.enabled }))
      })
      .catch(() => {
        dictionaries.delete(kind) // try again next time a page asks
      })
  }
  return options
}

// The code of a label in a dictionary ('' when unknown: the server fills it from the label).
export function codeOf(options: DictOption[], label: string): string {
  return options.find((option) => option.label === label)?.code ?? ''
}

let divisions: Ref<DivisionNode[]> | null = null

export function divisionTree(): Ref<DivisionNode[]> {
  if (!divisions) {
    const created = ref<DivisionNode[]>([])
    divisions = created
    http
      .get<DivisionNode[] | { items: DivisionNode[] }>('/api/divisions', { silent: true })
      .then((response) => {
        created.value = Array.isArray(response) ? response : (response.items ?? [])
      })
      .catch(() => {
        divisions = null
      })
  }
  return divisions
}

let units: Ref<UnitNode[]> | null = null

export function unitTree(): Ref<UnitNode[]> {
  if (!units) {
    const created = ref<UnitNode[]>([])
    units = created
    fetchUnits()
      .then((response) => {
        created.value = response.items
      })
      .catch(() => {
        units = null
      })
  }
  return units
}

export function unitName(tree: UnitNode[], id: number | null | undefined): string {
  if (id == null) return ''
  for (const node of tree) {
    if (node.id === id) return node.name
    const below = unitName(node.children ?? [], id)
    if (below) return below
  }
  return ''
}
