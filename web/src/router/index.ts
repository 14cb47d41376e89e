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
