import { ref, watch, type Ref } from 'vue';
import { campId } from './session';

/** Loads data for a page, again whenever the camp changes; `error` is the one line to show. */
export function useLoad<T>(load: () => Promise<T>): { data: Ref<T | null>; error: Ref<string>; loading: Ref<boolean>; reload: () => Promise<void> } {
  const data = ref<T | null>(null) as Ref<T | null>;
  const error = ref('');
  const loading = ref(false);
  const reload = async (): Promise<void> => {
    loading.value = true;
    try {
      data.value = await load();
      error.value = '';
    } catch (failure) {
      error.value = (failure as Error).message;
    } finally {
      loading.value = false;
    }
  };
  watch(campId, () => void reload(), { immediate: true });
  return { data, error, loading, reload };
}
