// Strings of 后台任务 (JobProgress, 我的任务), merged into zh-CN.ts and en.ts.

export const jobsZh = {
  myJobs: '我的任务',
  empty: '暂无任务',
  refresh: '刷新',
  cancel: '取消',
  download: '下载结果',
  cancelled: '任务已取消',
  failed: '任务失败',
  title: '任务',
  progress: '进度',
  message: '说明',
  createdAt: '开始时间',
  finishedAt: '结束时间',
  actions: '操作',
  hint: '任务在后台运行，可以离开本页；结果保留 24 小时。',
  states: {
    queued: '排队中',
    running: '进行中',
    succeeded: '已完成',
    failed: '失败',
    cancelled: '已取消',
  },
}

export const jobsEn: typeof jobsZh = {
  myJobs: 'My jobs',
  empty: 'No jobs',
  refresh: 'Refresh',
  cancel: 'Cancel',
  download: 'Download result',
  cancelled: 'The job was cancelled',
  failed: 'The job failed',
  title: 'Job',
  progress: 'Progress',
  message: 'Message',
  createdAt: 'Started',
  finishedAt: 'Finished',
  actions: 'Actions',
  hint: 'Jobs run in the background; you may leave this page. Results are kept for 24 hours.',
  states: {
    queued: 'Queued',
    running: 'Running',
    succeeded: 'Done',
    failed: 'Failed',
    cancelled: 'Cancelled',
  },
}
