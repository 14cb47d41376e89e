import { http } from './http'

export interface RankCount {
  rank: string
  count: number
}

export interface Overview {
  units: number
  positions: number
  cadres: number
  users: number
  cadres_by_rank: RankCount[]
}

export function fetchOverview(): Promise<Overview> {
  return http.get<Overview>('/api/overview')
}
