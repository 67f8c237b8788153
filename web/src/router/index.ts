import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import AppLayout from '../layout/AppLayout.vue'
import LoginView from '../views/LoginView.vue'
import { ensureSession, clearSession, session } from '../session'
import { api } from '../api/client'
import { i18n } from '../i18n'
import { PAGE_ROLES, hasAnyRole } from '../utils/access'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** i18n key of the page title (breadcrumb, document title). */
    titleKey?: string
    /** i18n key of the menu group shown before the title in the breadcrumb. */
    groupKey?: string
    /** Only users holding one of these roles may open the page (the server checks again). */
    roles?: readonly string[]
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
      {
        path: 'system/users',
        name: 'users',
        component: () => import('../views/system/UsersView.vue'),
        meta: { titleKey: 'menu.users', groupKey: 'menu.system', roles: PAGE_ROLES.users },
      },
      {
        path: 'system/audit',
        name: 'audit',
        component: () => import('../views/system/AuditView.vue'),
        meta: { titleKey: 'menu.audit', groupKey: 'menu.system', roles: PAGE_ROLES.audit },
      },
      {
        path: 'system/login-log',
        name: 'login-log',
        component: () => import('../views/system/LoginLogView.vue'),
        meta: { titleKey: 'menu.loginLog', groupKey: 'menu.system', roles: PAGE_ROLES.loginLog },
      },
      {
        path: 'me/sessions',
        name: 'sessions',
        component: () => import('../views/me/SessionsView.vue'),
        meta: { titleKey: 'menu.sessions' },
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
  // A page the user's roles do not allow: home instead of a page full of 403 errors.
  if (to.meta.roles && !hasAnyRole(user.roles, to.meta.roles)) return { name: 'home' }
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
