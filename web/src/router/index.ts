import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router'
import { useSessionStore } from '../stores/session'
import { onUnauthenticated } from '../api/http'

const routes: RouteRecordRaw[] = [
  {
    path: '/login',
    name: 'login',
    component: () => import('../views/session/LoginView.vue'),
    meta: { public: true, titleKey: 'login.heading' },
  },
  {
    // Outside the layout: a user whose password must change can reach nothing else.
    path: '/change-password',
    name: 'change-password',
    component: () => import('../views/session/ChangePasswordView.vue'),
    meta: { titleKey: 'password.heading' },
  },
  {
    path: '/',
    component: () => import('../layout/AdminLayout.vue'),
    redirect: '/home',
    children: [
      {
        path: 'home',
        name: 'home',
        component: () => import('../views/home/HomeView.vue'),
        meta: { titleKey: 'menu.home', icon: 'HomeFilled' },
      },
      {
        path: 'cadres',
        name: 'cadres',
        component: () => import('../views/cadre/CadreListView.vue'),
        meta: { titleKey: 'menu.cadres', icon: 'User' },
      },
      {
        path: 'cadres/query',
        name: 'cadre-query',
        component: () => import('../views/cadre/query/CadreQueryView.vue'),
        meta: { titleKey: 'menu.query', icon: 'Search' },
      },
      {
        path: 'cadres/import-lrmx',
        name: 'cadre-import-lrmx',
        component: () => import('../views/cadre/lrmx/LrmxImportView.vue'),
        meta: { titleKey: 'lrmx.title', icon: 'Upload' },
      },
      {
        path: 'cadres/import-excel',
        name: 'cadre-import-excel',
        component: () => import('../views/cadre/excel/ExcelImportView.vue'),
        meta: { titleKey: 'excel.importTitle', icon: 'Upload' },
      },
      {
        path: 'cadres/statistics',
        name: 'cadre-statistics',
        component: () => import('../views/cadre/statistics/StatisticsView.vue'),
        meta: { titleKey: 'menu.statistics', icon: 'DataAnalysis' },
      },
      {
        // 新增干部 and 干部档案: one page component (kept alive once; it keeps each dossier's
        // state per route itself).
        path: 'cadres/new',
        name: 'cadre-new',
        component: () => import('../views/cadre/dossier/DossierView.vue'),
        meta: { titleKey: 'dossier.newTitle', icon: 'Plus' },
      },
      {
        path: 'cadres/:id(\\d+)',
        name: 'cadre-dossier',
        component: () => import('../views/cadre/dossier/DossierView.vue'),
        meta: { titleKey: 'dossier.title', icon: 'Document' },
      },
      {
        // 机构管理: the server answers 403 to anyone without org.read.
        path: 'org',
        name: 'org',
        component: () => import('../views/org/OrgView.vue'),
        meta: { titleKey: 'menu.org', icon: 'OfficeBuilding' },
      },
      {
        path: 'sessions',
        name: 'sessions',
        component: () => import('../views/session/SessionsView.vue'),
        meta: { titleKey: 'menu.sessions', icon: 'Monitor' },
      },
      {
        // 全程记实 (安全审计员): the views themselves show a 403 page to anyone else.
        path: 'audit',
        name: 'audit',
        component: () => import('../views/audit/AuditLogView.vue'),
        meta: { titleKey: 'menu.audit', icon: 'Tickets' },
      },
      {
        path: 'audit/timeline',
        name: 'audit-timeline',
        component: () => import('../views/audit/AuditTimelineView.vue'),
        meta: { titleKey: 'menu.auditTimeline', icon: 'Clock' },
      },
      {
        // Account administration (三员分立): the server answers 403 to anyone without the right.
        path: 'admin/users',
        name: 'admin-users',
        component: () => import('../views/admin/UsersView.vue'),
        meta: { titleKey: 'menu.users', icon: 'UserFilled' },
      },
      {
        path: 'admin/roles',
        name: 'admin-roles',
        component: () => import('../views/admin/RolesView.vue'),
        meta: { titleKey: 'menu.roles', icon: 'Key' },
      },
      {
        path: 'admin/login-log',
        name: 'admin-login-log',
        component: () => import('../views/admin/LoginLogView.vue'),
        meta: { titleKey: 'menu.loginLog', icon: 'Document' },
      },
      {
        // 字典管理: everyone signed in reads; the server refuses changes without dict.manage.
        path: 'admin/dictionaries',
        name: 'admin-dictionaries',
        component: () => import('../views/admin/DictionariesView.vue'),
        meta: { titleKey: 'menu.dictionaries', icon: 'Collection' },
      },
    ],
  },
  { path: '/:pathMatch(.*)*', redirect: '/home' },
]

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
})

router.beforeEach(async (to) => {
  const session = useSessionStore()
  await session.restore()
  if (to.meta.public) {
    if (to.name === 'login' && session.signedIn) return { path: '/home' }
    return true
  }
  if (!session.signedIn) {
    return { name: 'login', query: to.fullPath !== '/home' ? { redirect: to.fullPath } : {} }
  }
  // The server answers 403 PASSWORD_CHANGE_REQUIRED to everything else until it is done.
  if (session.mustChangePassword && to.name !== 'change-password') return { name: 'change-password' }
  return true
})

// A 401 from any call (other than sign-in and the session check) ends the session in the UI.
onUnauthenticated(() => {
  const session = useSessionStore()
  session.clear()
  const current = router.currentRoute.value
  if (current.name !== 'login') {
    void router.replace({
      name: 'login',
      query: current.fullPath && current.fullPath !== '/' ? { redirect: current.fullPath } : {},
    })
  }
})
