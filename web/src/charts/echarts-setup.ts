// ECharts with only the parts the pages use. Loaded on demand (dynamic import) so the first page
// load does not carry it.
import * as echarts from 'echarts/core'
import { BarChart } from 'echarts/charts'
import { GridComponent, TooltipComponent, DataZoomComponent } from 'echarts/components'
import { CanvasRenderer } from 'echarts/renderers'

echarts.use([BarChart, GridComponent, TooltipComponent, DataZoomComponent, CanvasRenderer])

export { echarts }
