import { computed, ref } from 'vue';
import type { MeResponse, Role } from '../../../src/console/api-types';
import { get, useCsrf } from './client';

/** The signed-in user (`GET /api/me`), loaded once. */
export const me = ref<MeResponse | null>(null);

export async function loadMe(): Promise<MeResponse> {
  const loaded = await get<MeResponse>('/api/me');
  useCsrf(loaded.csrf);
  me.value = loaded;
  return loaded;
}

/** The camp in the address (`/console/<camp>/…`), else the user's first. */
export const campId = ref('');

export const camp = computed(() => me.value?.camps.find((c) => c.id === campId.value) ?? null);

export const roles = computed<Role[]>(() => camp.value?.roles ?? []);

export function hasRole(...wanted: Role[]): boolean {
  return roles.value.some((role) => wanted.includes(role));
}

/** `/api/camps/<current camp><path>`. */
export function campApi(path: string): string {
  return `/api/camps/${encodeURIComponent(campId.value)}${path}`;
}
