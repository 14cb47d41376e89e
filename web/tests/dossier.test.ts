import { describe, it, expect } from 'vitest'
import type { Dossier, ResumeItem } from '../src/api/cadre'
import { resumeText, resumeLine, TEXT_COLUMN } from '../src/views/cadre/dossier/resumeText'
import { diffRows, describeChange, orderKeys, visibleChanges } from '../src/views/cadre/dossier/diff'
import { buildCreate, buildPatch, changedFields, emptyDossier, reapply, toDraft } from '../src/views/cadre/dossier/model'
import { basicItemFor, parseFieldPath, rowsWith, tabForField } from '../src/views/cadre/dossier/errorPath'
import { pathTo, placeText, shortPlaceName, type DivisionNode } from '../src/views/cadre/dossier/places'
import { FRAME_HEIGHT, FRAME_WIDTH, clampPlacement, initialPlacement, moveBy, sourceRect, zoomTo } from '../src/views/cadre/dossier/crop'
import { ageAt, familyAge } from '../src/views/cadre/dossier/format'

function entry(partial: Partial<ResumeItem>): ResumeItem {
  return { start: '', end: null, kind: 'work', unit: '', post: '', note: '', ...partial }
}

describe('简历 text (mirror of the server ResumeText)', () => {
  const cases: { name: string; entries: ResumeItem[]; text: string }[] = [
    {
      name: 'study then the current post with a blank end',
      entries: [
        entry({ start: '1993-09', end: '1997-07', kind: 'study', unit: '某大学法律系', post: '法学专业' }),
        entry({ start: '1997-07', end: null, unit: '某局', post: '科员' }),
      ],
      text: '1993.09--1997.07  某大学法律系法学专业学习\n1997.07--         某局科员',
    },
    {
      name: 'a study entry already ending in 学习 is not doubled; the note is appended',
      entries: [entry({ start: '2001-09', end: '2004-07', kind: 'study', unit: '某大学', post: '研究生学习', note: '，获硕士学位' })],
      text: '2001.09--2004.07  某大学研究生学习，获硕士学位',
    },
    {
      name: '其间 lines indented to the text column, in start order, joined with ；, a study said 在…',
      entries: [
        entry({
          start: '2002-07',
          end: '2010-12',
          unit: '大连市财政局',
          post: '科员、副主任科员',
          during: [
            entry({ start: '2008-03', end: '2009-03', unit: '挂职庄河市', post: '副镇长' }),
            entry({ start: '2004-09', end: '2006-07', kind: 'study', unit: '省委党校', post: '经济管理专业在职研究生' }),
          ],
        }),
      ],
      text:
        '2002.07--2010.12  大连市财政局科员、副主任科员\n' +
        ' '.repeat(18) +
        '（其间：2004.09--2006.07在省委党校经济管理专业在职研究生学习；2008.03--2009.03挂职庄河市副镇长）',
    },
    {
      name: 'lines in start order whatever the order entered; a 其间 study already saying 在 is kept',
      entries: [
        entry({
          start: '1997-07',
          unit: '某局',
          post: '科员',
          during: [entry({ start: '2003-03', end: '2005-01', kind: 'study', unit: '在中央党校函授学院', post: '法律专业' })],
        }),
        entry({ start: '1993-09', end: '1997-07', kind: 'study', unit: '某大学', post: '法学专业' }),
      ],
      text:
        '1993.09--1997.07  某大学法学专业学习\n1997.07--         某局科员\n' +
        ' '.repeat(18) +
        '（其间：2003.03--2005.01在中央党校函授学院法律专业学习）',
    },
    { name: 'no entries, no text', entries: [], text: '' },
  ]
  for (const c of cases) {
    it(c.name, () => expect(resumeText(c.entries)).toBe(c.text))
  }

  // The fixture of tests/cadre/resume_text_test.cc (OfficialText): the preview must print what
  // the server will.
  it('prints what the server prints for the same entries', () => {
    const study = (start: string, end: string | null, unit: string, post: string) => entry({ start, end, kind: 'study', unit, post })
    const work = (start: string, end: string | null, unit: string, post: string, during: ResumeItem[] = []) =>
      entry({ start, end, unit, post, during })
    const entries = [
      study('1993-09', '1997-07', '辽宁大学', '法律系法学专业'),
      work('1997-07', '2001-03', '大连市中山区司法局', '科员'),
      work('2001-03', '2006-12', '大连市中山区司法局', '办公室副主任', [
        study('2004-09', '2006-07', '辽宁省委党校', '经济管理专业在职研究生'),
      ]),
      work('2006-12', '2012-05', '大连市中山区司法局', '办公室主任'),
      work('2012-05', null, '大连市中山区司法局', '副局长', [
        work('2013-03', '2014-01', '庄河市青堆镇', '党委副书记（挂职）'),
        study('2016-09', '2018-07', '中央党校研究生院', '法学专业在职研究生学习'),
      ]),
    ]
    expect(resumeText(entries)).toBe(
      '1993.09--1997.07  辽宁大学法律系法学专业学习\n' +
        '1997.07--2001.03  大连市中山区司法局科员\n' +
        '2001.03--2006.12  大连市中山区司法局办公室副主任\n' +
        '                  （其间：2004.09--2006.07在辽宁省委党校经济管理专业在职研究生学习）\n' +
        '2006.12--2012.05  大连市中山区司法局办公室主任\n' +
        '2012.05--         大连市中山区司法局副局长\n' +
        '                  （其间：2013.03--2014.01庄河市青堆镇党委副书记（挂职）；' +
        '2016.09--2018.07在中央党校研究生院法学专业在职研究生学习）',
    )
    expect(resumeText([work('2020-01', null, '某县', '副县长', [study('2022-09', null, '省委党校', '在职研究生班')])])).toBe(
      '2020.01--         某县副县长\n                  （其间：2022.09--在省委党校在职研究生班学习）',
    )
  })

  it('both line shapes put the text at the same column', () => {
    const closed = resumeLine(entry({ start: '2000-01', end: '2001-02', unit: 'A' }))
    const open = resumeLine(entry({ start: '2000-01', unit: 'A' }))
    expect(closed.indexOf('A')).toBe(TEXT_COLUMN)
    expect(open.indexOf('A')).toBe(TEXT_COLUMN)
  })
})

describe('array diff for the 变更记录', () => {
  const a = { year: 2022, grade: '称职', note: '' }
  const b = { year: 2023, grade: '称职', note: '' }
  const c = { year: 2024, grade: '优秀', note: '' }

  it('an appended row is added, nothing else', () => {
    expect(diffRows([a, b], [a, b, c])).toEqual([{ type: 'added', index: 2, row: c }])
  })
  it('a removed row in the middle', () => {
    expect(diffRows([a, b, c], [a, c])).toEqual([{ type: 'removed', index: 1, row: b }])
  })
  it('an edited row is changed, naming the keys', () => {
    const edited = { ...b, grade: '优秀' }
    expect(diffRows([a, b, c], [a, edited, c])).toEqual([
      { type: 'changed', index: 1, old: b, row: edited, keys: ['grade'] },
    ])
  })
  it('a moved row is one removal and one addition, not a change of every row', () => {
    const rows = diffRows([a, b, c], [c, a, b])
    expect(rows.map((r) => r.type).sort()).toEqual(['added', 'removed'])
  })
  it('changed keys come in the column order of the table, not the JSON key order', () => {
    const before = { end_month: null, kind: '全日制', level: '大学', school_and_major: 'A', start_month: '2003-09' }
    const after = { end_month: '2007-07', kind: '全日制', level: '研究生', school_and_major: 'A', start_month: '2003-09' }
    expect(diffRows([before], [after], 'education')).toEqual([
      { type: 'changed', index: 0, old: before, row: after, keys: ['level', 'end_month'] },
    ])
    expect(orderKeys('assessments', ['grade', 'note', 'year'])).toEqual(['year', 'grade', 'note'])
    expect(orderKeys('unknown', ['b', 'a'])).toEqual(['b', 'a'])
  })
  it('a code that changed with its label is shown once, a code alone is shown', () => {
    const changes = [
      { field: 'health', old: '健康', new: '良好' },
      { field: 'health_code', old: '1', new: '11' },
      { field: 'native_place_code', old: '', new: '210200' },
    ]
    expect(visibleChanges(changes).map((c) => c.field)).toEqual(['health', 'native_place_code'])
  })
  it('key order inside rows does not matter', () => {
    expect(diffRows([{ x: 1, y: 2 }], [{ y: 2, x: 1 }])).toEqual([])
  })
  it('describeChange: scalar, redacted, object keys, array rows', () => {
    expect(describeChange({ field: 'name', old: '张三', new: '张珊' })).toEqual({
      kind: 'scalar',
      field: 'name',
      old: '张三',
      new: '张珊',
    })
    expect(describeChange({ field: 'family', old: null, new: null, redacted: true })).toEqual({
      kind: 'redacted',
      field: 'family',
    })
    expect(
      describeChange({
        field: 'personal_matters',
        old: { spouse_or_children_emigrated: false, family_in_business: false, note: '' },
        new: { spouse_or_children_emigrated: false, family_in_business: true, note: '' },
      }),
    ).toEqual({ kind: 'object', field: 'personal_matters', keys: [{ key: 'family_in_business', old: false, new: true }] })
    expect(describeChange({ field: 'assessments', old: null, new: [a] })).toEqual({
      kind: 'rows',
      field: 'assessments',
      rows: [{ type: 'added', index: 0, row: a }],
    })
  })
})

function dossier(partial: Partial<Dossier> = {}): Dossier {
  return {
    ...emptyDossier(),
    id: 7,
    version: 3,
    has_photo: false,
    unit_name: '某局',
    age: 40,
    retirement_month: '2046-01',
    resume_text: '',
    form: null,
    warnings: [],
    redacted: [],
    as_of: null,
    name: '张三',
    gender: '男',
    gender_code: '1',
    birth_month: '1985-01',
    unit_id: 3,
    resume: [{ start: '2007-07', end: null, kind: 'work', unit: '某局', post: '科员', note: '', during: [] }],
    ...partial,
  }
}

describe('PATCH building', () => {
  it('nothing changed → no request', () => {
    const d = dossier()
    expect(buildPatch(d, toDraft(d))).toBeNull()
  })
  it('only the changed top-level fields, with the version', () => {
    const d = dossier()
    const draft = toDraft(d)
    draft.name = '张珊'
    draft.assessments.push({ year: 2024, grade: '优秀', note: '' })
    expect(buildPatch(d, draft)).toEqual({
      version: 3,
      name: '张珊',
      assessments: [{ year: 2024, grade: '优秀', note: '' }],
    })
  })
  it('a cleared picker and whitespace are not changes; a cleared optional month sends null', () => {
    const d = dossier({ work_start_month: '2007-07', professional_title: '' })
    const draft = toDraft(d)
    draft.professional_title = '  '
    expect(buildPatch(d, draft)).toBeNull()
    draft.work_start_month = ''
    expect(buildPatch(d, draft)).toEqual({ version: 3, work_start_month: null })
  })
  it('a resume row without during[] from the server is not a change', () => {
    const d = dossier({ resume: [{ start: '2007-07', end: null, kind: 'work', unit: '某局', post: '科员', note: '' }] })
    expect(buildPatch(d, toDraft(d))).toBeNull()
  })
  it('redacted fields are never sent', () => {
    const d = dossier({ family: { redacted: true, sensitivity: 'confidential' }, id_number: { redacted: true } })
    const draft = toDraft(d)
    draft.name = '李四'
    expect(buildPatch(d, draft)).toEqual({ version: 3, name: '李四' })
  })
  it('create sends every input field and no output-only one', () => {
    const draft = emptyDossier()
    draft.name = '王五'
    const body = buildCreate(draft)
    expect(body.name).toBe('王五')
    expect(body.party_join_month).toBeNull()
    expect('version' in body || 'warnings' in body || 'resume_text' in body).toBe(false)
  })
})

describe('409: re-applying my changes on the latest version', () => {
  it('keeps my fields and takes theirs for the rest, against the new version', () => {
    const original = dossier()
    const draft = toDraft(original)
    draft.expertise = '财政管理'
    const current = dossier({ version: 4, name: '张三丰', professional_title: '高级经济师' })
    const { draft: next, patch } = reapply(original, draft, current)
    expect(patch).toEqual({ version: 4, expertise: '财政管理' })
    expect(next.name).toBe('张三丰')
    expect(next.professional_title).toBe('高级经济师')
    expect(next.expertise).toBe('财政管理')
    expect(changedFields(current, next)).toEqual({ expertise: '财政管理' })
  })
})

describe('error paths', () => {
  const cases: [string, ReturnType<typeof parseFieldPath>, string][] = [
    ['birth_month', { field: 'birth_month', row: null, key: null, during: null, duringKey: null }, 'basic'],
    ['education[1].end_month', { field: 'education', row: 1, key: 'end_month', during: null, duringKey: null }, 'education'],
    ['resume[2].during[0].start', { field: 'resume', row: 2, key: null, during: 0, duringKey: 'start' }, 'resume'],
    ['resume[3]', { field: 'resume', row: 3, key: null, during: null, duringKey: null }, 'resume'],
    ['ranks[0].rank', { field: 'ranks', row: 0, key: 'rank', during: null, duringKey: null }, 'posts'],
    ['personal_matters.note', { field: 'personal_matters', row: null, key: 'note', during: null, duringKey: null }, 'personal'],
    ['family[4].id_number', { field: 'family', row: 4, key: 'id_number', during: null, duringKey: null }, 'family'],
  ]
  for (const [path, parsed, tab] of cases) {
    it(path, () => {
      expect(parseFieldPath(path)).toEqual(parsed)
      expect(tabForField(path)).toBe(tab)
    })
  }
  it('code fields belong to their label item; rows are found for highlighting', () => {
    expect(basicItemFor('gender_code')).toBe('gender')
    expect(basicItemFor('native_place_code')).toBe('native_place')
    expect([...rowsWith(['education[1].end_month', 'education[3]', 'resume[0]'], 'education')]).toEqual([1, 3])
  })
})

describe('籍贯 / 出生地 from the division tree', () => {
  const ethnicities = ['汉族', '蒙古族', '回族', '朝鲜族', '维吾尔族', '哈萨克族', '壮族', '藏族', '苗族', '侗族', '柯尔克孜族']
  const names: [string, string][] = [
    ['辽宁省', '辽宁'],
    ['北京市', '北京'],
    ['大连市', '大连'],
    ['内蒙古自治区', '内蒙古'],
    ['广西壮族自治区', '广西'],
    ['新疆维吾尔自治区', '新疆'],
    ['宁夏回族自治区', '宁夏'],
    ['香港特别行政区', '香港'],
    ['延边朝鲜族自治州', '延边'],
    ['伊犁哈萨克自治州', '伊犁'],
    ['黔东南苗族侗族自治州', '黔东南'],
    ['克孜勒苏柯尔克孜自治州', '克孜勒苏'],
    ['大兴安岭地区', '大兴安岭'],
    ['阿拉善盟', '阿拉善'],
    ['和县', '和县'],
    ['庄河市', '庄河'],
  ]
  for (const [name, short] of names) it(`${name} → ${short}`, () => expect(shortPlaceName(name, ethnicities)).toBe(short))

  const tree: DivisionNode[] = [
    {
      code: '210000',
      name: '辽宁省',
      children: [
        {
          code: '210200',
          name: '大连市',
          children: [
            { code: '210202', name: '中山区' },
            { code: '210283', name: '庄河市' },
          ],
        },
      ],
    },
    { code: '110000', name: '北京市', children: [{ code: '110100', name: '市辖区', children: [{ code: '110101', name: '东城区' }] }] },
    { code: '420000', name: '湖北省', children: [{ code: '429000', name: '省直辖县级行政区划', children: [{ code: '429004', name: '仙桃市' }] }] },
  ]
  const texts: [string, string][] = [
    ['210000', '辽宁'],
    ['210200', '辽宁大连'],
    ['210202', '辽宁大连'],
    ['210283', '辽宁庄河'],
    ['110101', '北京东城'],
    ['110000', '北京'],
    ['429004', '湖北仙桃'],
  ]
  for (const [code, text] of texts) {
    it(`${code} → ${text}`, () => expect(placeText(pathTo(tree, code))).toBe(text))
  }
  it('an unknown code has no path', () => expect(pathTo(tree, '999999')).toEqual([]))
})

describe('photo crop placement', () => {
  const w = 1000
  const h = 800 // wider than the frame's 376:460
  it('starts covering the frame, centred', () => {
    const p = initialPlacement(w, h)
    expect(p.scale).toBeCloseTo(FRAME_HEIGHT / h)
    expect(p.y).toBeCloseTo(0)
    expect(p.x).toBeCloseTo((FRAME_WIDTH - w * p.scale) / 2)
  })
  it('cannot be dragged to leave an empty band', () => {
    const p = moveBy(initialPlacement(w, h), 5000, -300, w, h)
    expect(p.x).toBe(0)
    expect(p.y).toBe(0)
    const q = moveBy(p, -5000, 0, w, h)
    expect(q.x).toBeCloseTo(FRAME_WIDTH - w * q.scale)
  })
  it('cannot be zoomed below covering; zooming keeps the centre', () => {
    const p = initialPlacement(w, h)
    expect(clampPlacement({ ...p, scale: 0.01 }, w, h).scale).toBeCloseTo(p.scale)
    const z = zoomTo(p, p.scale * 2, w, h)
    const before = sourceRect(p)
    const after = sourceRect(z)
    expect(after.sx + after.sw / 2).toBeCloseTo(before.sx + before.sw / 2)
    expect(after.sy + after.sh / 2).toBeCloseTo(before.sy + before.sh / 2)
    expect(after.sw).toBeCloseTo(before.sw / 2)
  })
  it('the source rectangle has the frame aspect', () => {
    const r = sourceRect(zoomTo(initialPlacement(w, h), 1.3, w, h))
    expect(r.sw / r.sh).toBeCloseTo(FRAME_WIDTH / FRAME_HEIGHT)
  })
})

describe('ages on the form', () => {
  const today = new Date(2026, 10, 28) // 2026-11-28
  it('full years by month', () => {
    expect(ageAt('1985-11', today)).toBe(41)
    expect(ageAt('1985-12', today)).toBe(40)
    expect(ageAt(null, today)).toBeNull()
  })
  it('blank for a member who has died', () => {
    expect(familyAge({ birth_month: '1950-03', employer_and_post: '已去世' }, today)).toBe('')
    expect(familyAge({ birth_month: '1950-03', employer_and_post: '退休' }, today)).toBe('76')
  })
})
