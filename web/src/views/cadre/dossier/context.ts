// What the dossier page shares with its tabs: the form copy, whether it is editable, and the
// server's findings placed on fields (errors by JSON path, warnings beside their fields).
import { inject, type ComputedRef, type InjectionKey } from 'vue'
import type { Dossier, DossierInput, RuleWarning } from '../../../api/cadre'
import { parseFieldPath } from './errorPath'

export interface DossierContext {
  // The form's copy (what the tabs edit); while not editing, equal to the shown dossier.
  draft: ComputedRef<DossierInput>
  // The dossier as the server sent it (now, or as of a past day); null for a new one.
  shown: ComputedRef<Dossier | null>
  editing: ComputedRef<boolean>
  isNew: ComputedRef<boolean>
  // The message for one path ("education[1].end_month"), '' when none.
  errorAt: (path: string) => string
  // Warnings whose path is this one (exact) or inside it (prefix: "resume" → "resume[2]").
  warningsAt: (path: string, inside?: boolean) => RuleWarning[]
  // Rows of an array field with an error or a warning, for highlighting.
  rowState: (field: string, row: number) => 'error' | 'warning' | ''
  clearError: (path: string) => void
}

export const DOSSIER: InjectionKey<DossierContext> = Symbol('dossier')

export function useDossier(): DossierContext {
  const context = inject(DOSSIER)
  if (!context) throw new Error('useDossier outside the dossier page')
  return context
}

// Codes travel with their labels: an error on "level_code" shows on the 学历 cell.
export function placePath(path: string): string {
  return path.replace(/_code$/, '')
}

export function isInside(path: string, prefix: string): boolean {
  return path === prefix || path.startsWith(`${prefix}[`) || path.startsWith(`${prefix}.`)
}

export function rowOf(path: string): number | null {
  return parseFieldPath(path).row
}
