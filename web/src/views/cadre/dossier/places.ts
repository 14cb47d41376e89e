// 籍贯 / 出生地 picked from the GB/T 2260 tree (/api/divisions): the form's short text (辽宁大连,
// 山东平度, 新疆伊犁) and the division code; the text stays free to edit.
export interface DivisionNode {
  code: string
  name: string
  children?: DivisionNode[]
}

// Tree levels that are no place of their own (municipality and 省直辖 groupings).
const PLACEHOLDER = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/

const AUTONOMOUS = /自治(区|州|县|旗)$/
const SUFFIXES = ['特别行政区', '地区', '林区', '省', '市', '盟', '县', '区', '旗']

// "辽宁省" → "辽宁", "大连市" → "大连", "延边朝鲜族自治州" → "延边" (with the 民族 labels of the
// ethnicity dictionary to strip), "和县" stays "和县" (a name is never cut below two characters).
export function shortPlaceName(name: string, ethnicities: string[] = []): string {
  let text = name.trim()
  if (AUTONOMOUS.test(text)) {
    text = text.replace(AUTONOMOUS, '')
    const stems = ethnicities
      .map((label) => label.replace(/族$/, ''))
      .filter((stem) => stem.length > 0)
      .sort((a, b) => b.length - a.length)
    for (let changed = true; changed; ) {
      changed = false
      for (const stem of stems) {
        for (const tail of [`${stem}族`, stem]) {
          if (text.endsWith(tail) && text.length - tail.length >= 2) {
            text = text.slice(0, -tail.length)
            changed = true
            break
          }
        }
        if (changed) break
      }
    }
    return text
  }
  for (const suffix of SUFFIXES) {
    if (text.endsWith(suffix) && text.length - suffix.length >= 2) return text.slice(0, -suffix.length)
  }
  return text
}

// The nodes from the root to `code`, or [] when the tree has no such code.
export function pathTo(tree: DivisionNode[], code: string): DivisionNode[] {
  for (const node of tree) {
    if (node.code === code) return [node]
    if (node.children?.length) {
      const below = pathTo(node.children, code)
      if (below.length) return [node, ...below]
    }
  }
  return []
}

// The form's text for a picked path (province → prefecture → county): province and prefecture,
// or province and county when the county is a 县, 县级市 or 旗 (籍贯 is written to the county
// then); municipalities (北京市…) are the province and the picked district or county.
export function placeText(path: DivisionNode[], ethnicities: string[] = []): string {
  const real = path.filter((node) => !PLACEHOLDER.test(node.name))
  if (real.length === 0) return ''
  const [province, ...rest] = real
  const short = (node: DivisionNode) => shortPlaceName(node.name, ethnicities)
  const prefecture = rest.find((node) => node.code.endsWith('00')) ?? null
  const county = rest.find((node) => !node.code.endsWith('00')) ?? null
  const text = short(province)
  if (/市$/.test(province.name)) return county ? text + short(county) : text
  if (county && /(县|市|旗)$/.test(county.name)) return text + short(county)
  return prefecture ? text + short(prefecture) : text
}
