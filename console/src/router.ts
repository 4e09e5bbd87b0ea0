import { computed, defineAsyncComponent, ref, type Component } from 'vue';

const BASE = '/console';

/** The app's pages under `/console/<camp>/`: each loaded when first opened. */
const PAGES: Record<string, () => Promise<{ default: Component }>> = {
  learner: () => import('./pages/learner/LearnerHome.vue'),
  'learner/certificates': () => import('./pages/learner/LearnerCertificates.vue'),
  'learner/submissions': () => import('./pages/learner/LearnerSubmissions.vue'),
  'learner/reviews': () => import('./pages/learner/PeerReviews.vue'),
  'learner/quizzes': () => import('./pages/learner/QuizList.vue'),
  'learner/quizzes/:quiz': () => import('./pages/learner/QuizTake.vue'),
  trainer: () => import('./pages/trainer/TrainerHome.vue'),
  'trainer/standings': () => import('./pages/trainer/StandingsTable.vue'),
  'trainer/queue': () => import('./pages/trainer/GradeQueue.vue'),
  'trainer/sessions': () => import('./pages/trainer/SessionsPage.vue'),
  'trainer/events': () => import('./pages/trainer/EvidenceLog.vue'),
  'trainer/weights': () => import('./pages/trainer/WeightsEditor.vue'),
  'trainer/awards': () => import('./pages/trainer/AwardsPreview.vue'),
  'trainer/stats': () => import('./pages/trainer/StatsCharts.vue'),
  'trainer/quizzes': () => import('./pages/trainer/QuizAdmin.vue'),
  'trainer/quizzes/:quiz': () => import('./pages/trainer/QuizStatsPage.vue'),
  admin: () => import('./pages/admin/AdminHome.vue'),
  'admin/camps': () => import('./pages/admin/CampsList.vue'),
  'admin/camp-file': () => import('./pages/admin/CampFileEditor.vue'),
  'admin/roster': () => import('./pages/admin/RosterUpload.vue'),
  'admin/import': () => import('./pages/admin/EventsImport.vue'),
  'admin/exports': () => import('./pages/admin/ExportDownloads.vue'),
  'admin/prizes': () => import('./pages/admin/PrizeHandover.vue'),
  manager: () => import('./pages/manager/PracticeCases.vue'),
};

const components = new Map<string, Component>();

export const path = ref(window.location.pathname + window.location.search);
window.addEventListener('popstate', () => {
  path.value = window.location.pathname + window.location.search;
});

/** Opens a page of the app: `go('/ai-2026q4/trainer/queue')` (relative to `/console`). */
export function go(to: string): void {
  const target = BASE + to;
  if (target === path.value) return;
  window.history.pushState(null, '', target);
  path.value = target;
  window.scrollTo(0, 0);
}

export function back(fallback: string): void {
  if (window.history.length > 1) window.history.back();
  else go(fallback);
}

/** The address split: the camp, the page pattern it matches and its parameters. */
export const route = computed(() => {
  const [pathname = '', search = ''] = path.value.split('?');
  const [camp = '', ...rest] = pathname.slice(BASE.length).split('/').filter(Boolean).map(decodeURIComponent);
  for (const pattern of Object.keys(PAGES)) {
    const parts = pattern.split('/');
    if (parts.length !== rest.length) continue;
    const params: Record<string, string> = {};
    if (parts.every((part, i) => (part.startsWith(':') ? (params[part.slice(1)] = rest[i]!) : part === rest[i]))) {
      return { camp, pattern, params, query: new URLSearchParams(search) };
    }
  }
  return { camp, pattern: '', params: {} as Record<string, string>, query: new URLSearchParams(search) };
});

export function pageComponent(pattern: string): Component | null {
  const loader = PAGES[pattern];
  if (!loader) return null;
  let component = components.get(pattern);
  if (!component) components.set(pattern, (component = defineAsyncComponent(loader)));
  return component;
}
