// Strings of the report centre.
export default {
  menu: { title: 'Reports' },
  kind: 'Report',
  region: 'Region',
  period: 'Period',
  preview: 'Preview',
  print: 'Print',
  downloadExcel: 'Download Excel',
  downloadWord: 'Download Word',
  generatedAt: 'Generated',
  none: '(none)',
  hint: 'Pick a report, region and period, then Preview; figures come from the live rollups, names from the ledgers.',
  kinds: {
    'weekly-dispatch': 'Weekly stationed-cadre report',
    'monthly-bulletin': 'Monthly bulletin',
    'quarterly-inspection': 'Quarterly inspection summary',
    'year-end': 'Year-end figures',
  },
}
