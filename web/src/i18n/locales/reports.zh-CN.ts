// 报表中心的文字。
export default {
  menu: { title: '报表中心' },
  kind: '报表',
  region: '地区',
  period: '期间',
  preview: '预览',
  print: '打印',
  downloadExcel: '下载 Excel',
  downloadWord: '下载 Word',
  generatedAt: '生成时间',
  none: '（无）',
  hint: '选择报表、地区和期间后点“预览”；数字均取自实时汇总，名单取自业务台账。',
  kinds: {
    'weekly-dispatch': '驻村工作周报',
    'monthly-bulletin': '月度通报',
    'quarterly-inspection': '季度督查情况汇总',
    'year-end': '年终数据',
  },
}
