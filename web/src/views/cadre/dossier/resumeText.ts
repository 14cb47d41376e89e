// The official 简历 text (RULES.md §4.2 JianLi), mirrored from the server's ResumeText
// (src/cadre/resume_text.cc) for the live preview while editing; after a save the server's
// `resume_text` is what is shown.
//
//   1993.09--1997.07  某大学法律系法学专业学习
//   1997.07--         某局科员
//                     （其间：2004.09--2006.07在省委党校经济管理专业在职研究生学习）
import type { ResumeItem } from '../../../api/cadre'
import { dotMonth as dotted } from './format'

// "yyyy.MM--yyyy.MM  " is 18 characters; an open end keeps the column with 9 spaces.
export const TEXT_COLUMN = 18


function span(entry: ResumeItem): string {
  return `${dotted(entry.start)}--${entry.end ? dotted(entry.end) : ''}`
}

// What the line says after the dates: unit + post (+ 学习 for study) + note.
export function experience(entry: ResumeItem): string {
  let text = `${entry.unit ?? ''}${entry.post ?? ''}`
  if (entry.kind === 'study' && !text.endsWith('学习')) text += '学习'
  return text + (entry.note ?? '')
}

export function resumeLine(entry: ResumeItem): string {
  const dates = entry.end ? span(entry) : `${dotted(entry.start)}--`
  return `${dates.padEnd(TEXT_COLUMN - 2, ' ')}  ${experience(entry)}`
}

// In start order; equal starts keep the order as entered (Array.prototype.sort is stable).
function byStart(entries: ResumeItem[]): ResumeItem[] {
  return [...entries].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0))
}

// A 其间 study reads "在<school>…学习".
export function duringLine(during: ResumeItem[]): string {
  const parts = byStart(during).map((entry) => {
    const at = entry.kind === 'study' && !(entry.unit ?? '').startsWith('在') ? '在' : ''
    return `${span(entry)}${at}${experience(entry)}`
  })
  return `${' '.repeat(TEXT_COLUMN)}（其间：${parts.join('；')}）`
}

export function resumeText(entries: ResumeItem[]): string {
  const lines: string[] = []
  for (const entry of byStart(entries)) {
    lines.push(resumeLine(entry))
    if (entry.during && entry.during.length > 0) lines.push(duringLine(entry.during))
  }
  return lines.join('\n')
}
