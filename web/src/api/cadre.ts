import { http } from './http'

export interface Cadre {
  id: number
  name: string
  gender: string
  birth_month: string
  ethnicity: string
  party: string
  unit_id: number
  unit_name: string
  post: string
  rank: string
  managing_body: string
}

export interface CadreQuery {
  unit_id?: number | null
  name?: string
  page: number
  page_size: number
}

export function listCadres(query: CadreQuery): Promise<{ items: Cadre[]; total: number }> {
  return http.get('/api/cadres', {
    query: {
      unit_id: query.unit_id ?? undefined,
      name: query.name?.trim() || undefined,
      page: query.page,
      page_size: query.page_size,
    },
  })
}

export function getCadre(id: number): Promise<Cadre> {
  return http.get(`/api/cadres/${encodeURIComponent(String(id))}`)
}
