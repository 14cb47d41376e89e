// Strings of 任免审批表 PDF printing (single and batch), merged into zh-CN.ts and en.ts.

export const printZh = {
  downloadPdf: '下载 PDF',
  downloadPdfTitle: '按中组部版式生成任免审批表 PDF（A4，嵌入字体）',
  pdfFailed: '生成任免审批表 PDF 失败',
  batch: '打印任免审批表',
  batchCount: '打印任免审批表（{n}人）',
  batchTitle: '批量打印任免审批表',
  batchHint: '已选 {n} 人。生成在后台进行，可离开本页，稍后在此下载结果。',
  batchHintCondition: '按当前查询条件打印（最多 1000 人）。生成在后台进行，可离开本页，稍后在此下载结果。',
  format: '输出格式',
  formatPdf: '合并为一个 PDF（便于连续打印）',
  formatZip: '每人一个 PDF 的压缩包（最多 200 人）',
  start: '开始生成',
  close: '关闭',
  noneSelected: '请先在名册中勾选干部',
  printed: '已生成 {n} 份任免审批表',
  skipped: '{n} 人未生成（不存在或不在您的管理范围内）',
}

export const printEn = {
  downloadPdf: 'Download PDF',
  downloadPdfTitle: 'The appointment form as a PDF in the official layout (A4, fonts embedded)',
  pdfFailed: 'Could not make the PDF',
  batch: 'Print appointment forms',
  batchCount: 'Print appointment forms ({n})',
  batchTitle: 'Print appointment forms',
  batchHint: '{n} selected. The forms are made in the background: you may leave this page and download the result here later.',
  batchHintCondition: 'Prints the cadres the current query finds (at most 1,000). The forms are made in the background: you may leave this page and download the result here later.',
  format: 'Format',
  formatPdf: 'One PDF (to print in one go)',
  formatZip: 'A zip with one PDF per cadre (at most 200)',
  start: 'Start',
  close: 'Close',
  noneSelected: 'Select cadres in the list first',
  printed: '{n} forms made',
  skipped: '{n} not made (missing or outside your scope)',
}
