{
  grafanaDashboards+:: {
    'salesforce-overview.json': (import 'overview.libsonnet')($._config),
    'salesforce-org-detail.json': (import 'org-detail.libsonnet')($._config),
    'salesforce-exporter-health.json': (import 'exporter-health.libsonnet')($._config),
  },
}
