// What the dossier's selects are fed with, fetched once per page load and shared by every open
// dossier: dictionaries and the division tree (composables/useDictionary.ts, shared with 字典管理,
// which refreshes them after a change) and the unit tree (/api/units). A failed fetch leaves the
// list empty (the select still shows the value).
import { ref, type Ref } from 'vue'
import { fetchUnits, type UnitNode } from '../../../api/org'
import type { DictKind } from '../../../api/dictionary'
import { useDictionary, useDivisions, type DictOption } from '../../../composables/useDictionary'
import type { DivisionNode } from './places'

export type { DictKind, DictOption }

export function dictionary(kind: DictKind): Ref<DictOption[]> {
  return useDictionary(kind).options
}

// The code of a label in a dictionary ('' when unknown: the server fills it from the label).
export function codeOf(options: DictOption[], label: string): string {
  return options.find((option) => option.label === label)?.code ?? ''
}

export function divisionTree(): Ref<DivisionNode[]> {
  return useDivisions().tree
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
