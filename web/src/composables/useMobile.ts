import { onBeforeUnmount, onMounted, ref } from 'vue'

export const MOBILE_QUERY = '(max-width: 767px)'

/** True while the viewport is phone-sized. */
export function useMobile() {
  const mq = typeof window !== 'undefined' && window.matchMedia ? window.matchMedia(MOBILE_QUERY) : null
  const isMobile = ref(mq?.matches ?? false)
  const update = () => {
    isMobile.value = mq?.matches ?? false
  }
  onMounted(() => {
    update()
    mq?.addEventListener('change', update)
  })
  onBeforeUnmount(() => mq?.removeEventListener('change', update))
  return isMobile
}
