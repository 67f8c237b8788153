// The logged-in cadre's dispatch in post (phone pages).
import { ref } from 'vue'
import { listDispatches, type Dispatch } from '../api/cadres'
import { session } from '../session'
import { errorMessage } from '../utils/errors'

type Translate = (key: string) => string

export function useMyDispatch(t: Translate) {
  const dispatch = ref<Dispatch | null>(null)
  const loading = ref(false)
  const error = ref('')
  async function load() {
    const person = session.user?.person_id
    if (!person) return
    loading.value = true
    error.value = ''
    try {
      const res = await listDispatches({ person, status: 'in_post', page_size: 1 })
      dispatch.value = res.items[0] ?? null
    } catch (e) {
      error.value = errorMessage(e, t)
    } finally {
      loading.value = false
    }
  }
  return { dispatch, loading, error, load }
}
