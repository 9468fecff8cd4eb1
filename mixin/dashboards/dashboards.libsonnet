{
  grafanaDashboards+:: {
    'salesforce-overview.json': (import 'overview.libsonnet')($._config),
    'salesforce-org-detail.json': (import 'org-detail.libsonnet')($._config),
    'salesforce-exporter-health.json': (import 'exporter-health.libsonnet')($._config),
    'salesforce-licences.json': (import 'licences.libsonnet')($._config),
    'salesforce-api-consumers.json': (import 'api-consumers.libsonnet')($._config),
  },
}
