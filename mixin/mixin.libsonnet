// salesforce-exporter monitoring mixin: alerts, recording rules and dashboards.
// Vendor it (jb install) or copy it, then override _config; see "Using the mixin" in README.md.
(import 'config.libsonnet') +
(import 'rules.libsonnet') +
(import 'alerts.libsonnet') +
(import 'sources.libsonnet') +
(import 'dashboards/dashboards.libsonnet')
