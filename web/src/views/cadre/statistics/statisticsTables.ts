// 班子结构分析: the tables behind the charts, as shown and as exported (POST /api/tables/export).
// Pure: labels come from the caller.
import type { AgeLadder, Indicator, IndicatorTarget, StatisticsDimension, StatisticsTargets, TableSheet } from '../../../api/statistics'

export interface TableLabels {
  count: string // 人数
  share: string // 占比
  total: string // 合计
  level: string // 职级层次
  indicator: string // 指标
  target: string // 目标
  reached: string // 达标
  shortfall: string // 未达标
  met: string // 达标 (value)
  noTarget: string // 未设目标
  targetCount: (n: number) => string // ≥ n 人
  targetShare: (percent: string) => string // ≥ x%
}

// 0.1234 → "12.3%"; a share of nothing is "0%".
export function percent(share: number): string {
  if (!Number.isFinite(share) || share <= 0) return '0%'
  const value = Math.round(share * 1000) / 10
  return `${Number.isInteger(value) ? value.toFixed(0) : value.toFixed(1)}%`
}

export function shareOf(count: number, total: number): number {
  return total > 0 ? count / total : 0
}

export interface DimensionRow {
  label: string
  count: number
  share: string
}

export function dimensionRows(dimension: StatisticsDimension, total: number): DimensionRow[] {
  return dimension.buckets.map((bucket) => ({ label: bucket.label, count: bucket.count, share: percent(shareOf(bucket.count, total)) }))
}

// A sheet per dimension: its buckets, count and share, and a 合计 row.
export function dimensionSheet(dimension: StatisticsDimension, total: number, labels: TableLabels): TableSheet {
  const rows: Array<Array<string | number>> = dimensionRows(dimension, total).map((row) => [row.label, row.count, row.share])
  const sum = dimension.buckets.reduce((acc, bucket) => acc + bucket.count, 0)
  rows.push([labels.total, sum, percent(shareOf(sum, total))])
  return { name: sheetName(dimension.label), columns: [dimension.label, labels.count, labels.share], rows }
}

// 年龄梯次: levels down, bands across, totals on both.
export interface LadderRow {
  level: string
  counts: number[]
  total: number
}

export function ladderRows(ladder: AgeLadder): LadderRow[] {
  return ladder.levels.map((level, index) => {
    const counts = ladder.bands.map((_, band) => ladder.counts[index]?.[band] ?? 0)
    return { level, counts, total: counts.reduce((a, b) => a + b, 0) }
  })
}

export function ladderTotals(ladder: AgeLadder): number[] {
  const rows = ladderRows(ladder)
  return ladder.bands.map((_, band) => rows.reduce((acc, row) => acc + row.counts[band], 0))
}

export function ladderSheet(title: string, ladder: AgeLadder, labels: TableLabels): TableSheet {
  const rows: Array<Array<string | number>> = ladderRows(ladder).map((row) => [row.level, ...row.counts, row.total])
  const totals = ladderTotals(ladder)
  rows.push([labels.total, ...totals, totals.reduce((a, b) => a + b, 0)])
  return { name: sheetName(title), columns: [labels.level, ...ladder.bands, labels.total], rows }
}

export function targetText(target: IndicatorTarget | null | undefined, labels: TableLabels): string {
  const parts: string[] = []
  if (target?.min_count !== null && target?.min_count !== undefined) parts.push(labels.targetCount(target.min_count))
  if (target?.min_share !== null && target?.min_share !== undefined) parts.push(labels.targetShare(percent(target.min_share)))
  return parts.length ? parts.join('，') : labels.noTarget
}

export function indicatorSheet(title: string, indicators: Indicator[], labels: TableLabels): TableSheet {
  return {
    name: sheetName(title),
    columns: [labels.indicator, labels.count, labels.share, labels.target, labels.reached],
    rows: indicators.map((item) => [
      item.label,
      item.count,
      percent(item.share),
      targetText(item.target, labels),
      item.shortfall ? labels.shortfall : labels.met,
    ]),
  }
}

// Excel sheet names: ≤ 31 characters, none of : \ / ? * [ ].
export function sheetName(text: string): string {
  const cleaned = text.replace(/[:\\/?*[\]]/g, ' ').trim()
  return [...(cleaned || 'Sheet')].slice(0, 31).join('')
}

// ── 目标设置 form ─────────────────────────────────────────────────────────────────────────────

// Shares edited as percentages (15 for 0.15); a blank means "no target".
export interface TargetRowForm {
  key: string
  min_count: number | null
  min_share_percent: number | null
}

export interface TargetsForm {
  young: Array<{ level: string; age: number | null }>
  indicators: TargetRowForm[]
}

export const INDICATOR_KEYS = ['female', 'minority', 'non_party', 'young'] as const

export function targetsToForm(targets: StatisticsTargets): TargetsForm {
  const keys = [...INDICATOR_KEYS, ...Object.keys(targets.indicators ?? {}).filter((k) => !(INDICATOR_KEYS as readonly string[]).includes(k))]
  return {
    young: Object.entries(targets.young_age_limits ?? {}).map(([level, age]) => ({ level, age })),
    indicators: keys.map((key) => {
      const target = targets.indicators?.[key]
      return {
        key,
        min_count: target?.min_count ?? null,
        min_share_percent: target?.min_share === null || target?.min_share === undefined ? null : Math.round(target.min_share * 10000) / 100,
      }
    }),
  }
}

export function formToTargets(form: TargetsForm): StatisticsTargets {
  const young: Record<string, number> = {}
  for (const row of form.young) if (row.age !== null && row.age !== undefined) young[row.level] = row.age
  const indicators: Record<string, IndicatorTarget> = {}
  for (const row of form.indicators) {
    indicators[row.key] = {
      min_count: row.min_count ?? null,
      min_share: row.min_share_percent === null || row.min_share_percent === undefined ? null : Math.round(row.min_share_percent * 100) / 10000,
    }
  }
  return { young_age_limits: young, indicators }
}
