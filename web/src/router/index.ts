import { createRouter, createWebHistory, type RouteLocationNormalized, type RouteRecordRaw } from 'vue-router'
import AppLayout from '../layout/AppLayout.vue'
import LoginView from '../views/LoginView.vue'
import { ensureSession, clearSession, session } from '../session'
import { api } from '../api/client'
import { i18n } from '../i18n'
import { PAGE_PERMISSIONS, hasPermission, isFieldUser, type PermissionHolder } from '../utils/access'

declare module 'vue-router' {
  interface RouteMeta {
    /** Reachable without a session. */
    public?: boolean
    /** i18n key of the page title (breadcrumb, document title). */
    titleKey?: string
    /** i18n key of the menu group shown before the title in the breadcrumb. */
    groupKey?: string
    /** Only users holding this permission may open the page (the server checks again). */
    permission?: string
  }
}

export const DEFAULT_AFTER_LOGIN = '/regions'
/** Where cadres who check in on their phones start. */
export const FIELD_HOME = '/m/'

/** The page after login: the phone pages for check-in users, the console for everyone else. */
export function homeAfterLogin(user: PermissionHolder | null | undefined): string {
  return isFieldUser(user) ? FIELD_HOME : DEFAULT_AFTER_LOGIN
}

const cadre = (path: string, name: string, view: () => Promise<unknown>, titleKey: string, permission: string): RouteRecordRaw => ({
  path,
  name,
  component: view as RouteRecordRaw['component'] & object,
  meta: { titleKey, groupKey: 'menu.cadres', permission },
})

const party = (path: string, name: string, view: () => Promise<unknown>, titleKey: string): RouteRecordRaw => ({
  path,
  name,
  component: view as RouteRecordRaw['component'] & object,
  meta: { titleKey, groupKey: 'party.menu.group', permission: PAGE_PERMISSIONS.partyOrgs },
})

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
        meta: { titleKey: 'menu.users', groupKey: 'menu.system', permission: PAGE_PERMISSIONS.users },
      },
      {
        path: 'system/audit',
        name: 'audit',
        component: () => import('../views/system/AuditView.vue'),
        meta: { titleKey: 'menu.audit', groupKey: 'menu.system', permission: PAGE_PERMISSIONS.audit },
      },
      {
        path: 'system/login-log',
        name: 'login-log',
        component: () => import('../views/system/LoginLogView.vue'),
        meta: { titleKey: 'menu.loginLog', groupKey: 'menu.system', permission: PAGE_PERMISSIONS.loginLog },
      },
      cadre('cadres/people', 'cadre-people', () => import('../views/cadres/PeopleView.vue'), 'menu.people', PAGE_PERMISSIONS.people),
      cadre('cadres/dispatches', 'cadre-dispatches', () => import('../views/cadres/DispatchesView.vue'), 'menu.dispatches', PAGE_PERMISSIONS.dispatches),
      cadre('cadres/filing', 'cadre-filing', () => import('../views/cadres/FilingView.vue'), 'menu.filing', PAGE_PERMISSIONS.dispatches),
      cadre('cadres/presence', 'cadre-presence', () => import('../views/cadres/PresenceView.vue'), 'menu.presence', PAGE_PERMISSIONS.presence),
      cadre('cadres/leaves', 'cadre-leaves', () => import('../views/cadres/LeavesView.vue'), 'menu.leaves', PAGE_PERMISSIONS.presence),
      cadre('cadres/worklogs', 'cadre-worklogs', () => import('../views/cadres/WorkLogsView.vue'), 'menu.worklogs', PAGE_PERMISSIONS.presence),
      cadre('cadres/talks', 'cadre-talks', () => import('../views/reviews/TalksView.vue'), 'menu.talks', PAGE_PERMISSIONS.dispatches),
      cadre('cadres/evaluations', 'cadre-evaluations', () => import('../views/reviews/EvaluationsView.vue'), 'menu.evaluations', PAGE_PERMISSIONS.dispatches),
      cadre('cadres/funds', 'cadre-funds', () => import('../views/reviews/FundsView.vue'), 'menu.funds', PAGE_PERMISSIONS.dispatches),
      party('party/orgs', 'party-orgs', () => import('../views/party/PartyOrgsView.vue'), 'party.menu.orgs'),
      party('party/rectifications', 'party-rectifications', () => import('../views/party/RectificationsView.vue'), 'party.menu.rectifications'),
      party('party/standards', 'party-standards', () => import('../views/party/StandardsView.vue'), 'party.menu.standards'),
      party('party/reserves', 'party-reserves', () => import('../views/party/ReservesView.vue'), 'party.menu.reserves'),
      cadre('cadres/allowances', 'cadre-allowances', () => import('../views/reviews/AllowancesView.vue'), 'menu.allowances', PAGE_PERMISSIONS.presence),
      { path: 'village/cadres', name: 'village-cadres', component: () => import('../views/villagecadres/VillageCadresView.vue'), meta: { titleKey: 'econ.menu.villageCadres', groupKey: 'econ.menu.group', permission: PAGE_PERMISSIONS.villageCadres } },
      { path: 'village/training', name: 'village-training', component: () => import('../views/villagecadres/TrainingView.vue'), meta: { titleKey: 'econ.menu.training', groupKey: 'econ.menu.group', permission: PAGE_PERMISSIONS.training } },
      { path: 'village/economy', name: 'village-economy', component: () => import('../views/economy/EconomyView.vue'), meta: { titleKey: 'econ.menu.economy', groupKey: 'econ.menu.group', permission: PAGE_PERMISSIONS.economy } },
      { path: 'system/imports', name: 'imports', component: () => import('../views/imports/ImportView.vue'), meta: { titleKey: 'imports.menu.title', permission: PAGE_PERMISSIONS.peopleManage } },
      { path: 'households', name: 'households', component: () => import('../views/households/RegistryView.vue'), meta: { titleKey: 'households.menu.registry', groupKey: 'households.menu.group', permission: PAGE_PERMISSIONS.households } },
      { path: 'households/checks', name: 'household-checks', component: () => import('../views/households/ChecksView.vue'), meta: { titleKey: 'households.menu.checks', groupKey: 'households.menu.group', permission: PAGE_PERMISSIONS.households } },
      { path: 'households/grids', name: 'household-grids', component: () => import('../views/households/GridsView.vue'), meta: { titleKey: 'households.menu.grids', groupKey: 'households.menu.group', permission: PAGE_PERMISSIONS.households } },
      { path: 'households/coverage', name: 'household-coverage', component: () => import('../views/households/CoverageView.vue'), meta: { titleKey: 'households.menu.coverage', groupKey: 'households.menu.group', permission: PAGE_PERMISSIONS.households } },
      { path: 'tasks/issued', name: 'tasks-issued', component: () => import('../views/tasks/IssuedTasksView.vue'), meta: { titleKey: 'tasks.menu.issued', groupKey: 'tasks.menu.group', permission: PAGE_PERMISSIONS.tasks } },
      { path: 'tasks/mine', name: 'tasks-mine', component: () => import('../views/tasks/MyTasksView.vue'), meta: { titleKey: 'tasks.menu.received', groupKey: 'tasks.menu.group', permission: PAGE_PERMISSIONS.tasks } },
      { path: 'supervision/duties', name: 'duties', component: () => import('../views/supervision/DutiesView.vue'), meta: { titleKey: 'tasks.menu.duties', groupKey: 'tasks.menu.group', permission: PAGE_PERMISSIONS.supervision } },
      { path: 'periods', name: 'periods', component: () => import('../views/periods/PeriodLocksView.vue'), meta: { titleKey: 'periods.menu.title', permission: PAGE_PERMISSIONS.periods } },
      { path: 'supervision', name: 'supervision', component: () => import('../views/supervision/SupervisionView.vue'), meta: { titleKey: 'tasks.menu.supervision', groupKey: 'tasks.menu.group', permission: PAGE_PERMISSIONS.supervision } },
      {
        path: 'me/sessions',
        name: 'sessions',
        component: () => import('../views/me/SessionsView.vue'),
        meta: { titleKey: 'menu.sessions' },
      },
    ],
  },
  // Inspectors record findings on the phone; they do not check in, so this page stands alone.
  { path: '/m/inspect', name: 'm-inspect', component: () => import('../views/m/InspectFindingView.vue'), meta: { titleKey: 'tasks.m.title', permission: PAGE_PERMISSIONS.supervisionManage } },
  {
    path: '/m',
    component: () => import('../layout/MobileLayout.vue'),
    meta: { permission: PAGE_PERMISSIONS.checkin },
    children: [
      { path: '', name: 'm-home', component: () => import('../views/m/MyVillageView.vue'), meta: { titleKey: 'm.home.title', permission: PAGE_PERMISSIONS.checkin } },
      { path: 'checkin', name: 'm-checkin', component: () => import('../views/m/CheckinView.vue'), meta: { titleKey: 'm.checkin.title', permission: PAGE_PERMISSIONS.checkin } },
      { path: 'log', name: 'm-log', component: () => import('../views/m/WorkLogView.vue'), meta: { titleKey: 'm.log.title', permission: PAGE_PERMISSIONS.checkin } },
      // Visits are entered by everyone who visits (leaders and village secretaries too), not only by check-in users.
      { path: 'visit', name: 'm-visit', component: () => import('../views/m/VisitView.vue'), meta: { titleKey: 'households.visit.title', permission: PAGE_PERMISSIONS.visitWrite } },
      { path: 'leave', name: 'm-leave', component: () => import('../views/m/LeaveView.vue'), meta: { titleKey: 'm.leave.title', permission: PAGE_PERMISSIONS.checkin } },
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
      return safeRedirect(to.query.redirect) ?? homeAfterLogin(user)
    }
    return true
  }
  if (!user) return loginLocation(to)
  if (user.must_change_password && to.name !== 'password') {
    return { name: 'password', query: { redirect: to.fullPath } }
  }
  // A page the user's permissions do not allow: home instead of a page full of 403 errors.
  if (to.meta.permission && !hasPermission(user, to.meta.permission)) {
    const home = homeAfterLogin(user)
    return to.path === home ? { name: 'home' } : home
  }
  // Check-in users start on the phone pages; the console's home page has nothing for them.
  if (to.name === 'home' && isFieldUser(user)) return FIELD_HOME
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
