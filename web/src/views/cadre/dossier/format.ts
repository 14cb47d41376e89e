// Small display rules of the dossier and the 任免审批表.

// "1990-01" → "1990.01" (the form writes months with a dot).
export function dotMonth(month: string | null | undefined): string {
  if (!month) return ''
  const match = /^(\d{4})-(\d{2})/.exec(month)
  return match ? `${match[1]}.${match[2]}` : month
}

// Full years at `today` for a birth month (the month itself counts as the birthday).
export function ageAt(birthMonth: string | null | undefined, today: Date): number | null {
  const match = /^(\d{4})-(\d{2})/.exec(birthMonth ?? '')
  if (!match) return null
  const year = Number(match[1])
  const month = Number(match[2])
  const age = today.getFullYear() - year - (today.getMonth() + 1 < month ? 1 : 0)
  return age >= 0 ? age : null
}

// A family member's age on the form: blank for someone who has died (工作单位 says 去世/已故).
export function familyAge(member: { birth_month: string | null; employer_and_post: string }, today: Date): string {
  if (/去世|已故/.test(member.employer_and_post ?? '')) return ''
  const age = ageAt(member.birth_month, today)
  return age === null ? '' : String(age)
}

// Today as YYYY-MM-DD in local time.
export function isoDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`
}
