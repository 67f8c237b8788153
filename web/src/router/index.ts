import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import AppLayout from '../layout/AppLayout.vue'
import LoginView from '../views/LoginView.vue'
import { ensureSession, clearSession, session } from '../session'
import { api } from '../api/client'
import { i18n } from '../i18n'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** i18n key of the page title (breadcrumb, document title). */
    titleKey?: string
  }
}

export const DEFAULT_AFTER_LOGIN = '/regions'

const routes: RouteRecordRaw[] = [
  { path: '/login', name: 'login', component: LoginView, meta: { public: true, titleKey: 'login.heading' } },
  {
    path: '/password',
    name: 'password',
    component: () => import('../views/PasswordView.vue'),
    meta: { titleKey: 'password.title' },
  },
  {
    path: '/',
    component: AppLayout,
    children: [
      { path: '', name: 'home', component: () => import('../views/HomeView.vue'), meta: { titleKey: 'menu.home' } },
      {
        path: 'regions/:code?',
        name: 'regions',
        component: () => import('../views/RegionsView.vue'),
        meta: { titleKey: 'menu.regions' },
      },
    ],
  },
  {
    path: '/:pathMatch(.*)*',
    name: 'not-found',
    component: () => import('../views/NotFoundView.vue'),
    meta: { public: true, titleKey: 'notFound.title' },
  },
]

/** A redirect target from the query string, only when it is a path inside this app. */
export function safeRedirect(value: unknown): string | null {
  const v = Array.isArray(value) ? value[0] : value
  if (typeof v !== 'string' || !v.startsWith('/') || v.startsWith('//') || v.startsWith('/\\')) return null
  if (v === '/login' || v.startsWith('/login?') || v.startsWith('/password')) return null
  return v
}

function loginLocation(to: RouteLocationNormalized) {
  const redirect = to.fullPath && to.fullPath !== '/' ? to.fullPath : undefined
  return { name: 'login', query: redirect ? { redirect } : {} }
}

export const router = createRouter({
  history: createWebHistory('/'),
  routes,
  scrollBehavior: () => ({ top: 0 }),
})

router.beforeEach(async (to) => {
  let user = session.user
  if (!session.checked) {
    try {
      user = await ensureSession()
    } catch {
      user = null // Server unreachable: public pages still show; the login page reports the error.
    }
  }
  if (to.meta.public) {
    if (to.name === 'login' && user) {
      if (user.must_change_password) return { name: 'password' }
      return safeRedirect(to.query.redirect) ?? DEFAULT_AFTER_LOGIN
    }
    return true
  }
  if (!user) return loginLocation(to)
  if (user.must_change_password && to.name !== 'password') {
    return { name: 'password', query: { redirect: to.fullPath } }
  }
  return true
})

router.afterEach((to) => {
  const t = i18n.global.t
  document.title = to.meta.titleKey ? `${t(to.meta.titleKey)} - ${t('app.name')}` : t('app.fullTitle')
})

// Any 401 outside login means the session ended: back to the login page.
api.setOnUnauthorized(() => {
  clearSession()
  const current = router.currentRoute.value
  if (current.name === 'login') return
  void router.push(current.meta.public ? { name: 'login' } : loginLocation(current))
})
