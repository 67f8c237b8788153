// The month / quarter / year picker shared by the dashboards: a kind and one of its recent periods.
import { computed, ref, watch } from 'vue'
import { chinaDay } from '../../utils/presence'
import { periodOfDay, recentPeriods, type PickerKind } from '../../utils/analytics'

const HOW_MANY: Record<PickerKind, number> = { month: 24, quarter: 8, year: 5 }

export function usePeriodPicker() {
  const today = chinaDay()
  const kind = ref<PickerKind>('month')
  const period = ref(periodOfDay('month', today))
  const options = computed(() => recentPeriods(kind.value, today, HOW_MANY[kind.value]))
  watch(kind, (k) => {
    period.value = periodOfDay(k, today)
  })
  return { today, kind, period, options }
}
