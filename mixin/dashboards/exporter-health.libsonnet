local g = import '../lib/grafana.libsonnet';
local common = import 'common.libsonnet';

function(config)
  local s = 'job=~"$job", instance=~"$instance"';
  // The process metrics of the selected exporters, from whichever job scrapes them: the one
  // target for all orgs, or, with one target per org (whose scrapes carry no JVM metrics), a
  // separate job on each exporter's full /metrics. Matched by instance, one value per exporter.
  local process(expr) =
    'max by (instance) (%s and on (instance) group by (instance) (salesforce_exporter_build_info{%s}))' % [expr, s];
  local processNote = " Needs the process metrics, which only the full /metrics serves: with one target for all orgs they are there; with one target per org, scrape each exporter's /metrics (or only these families with name[]) in a separate job at the same address, as the README's scrape configurations describe. Empty otherwise.";
  g.dashboard(
    'salesforce-exporter-health',
    'Salesforce limits / Exporter health',
    'Is the exporter doing its job: orgs up, why refreshes fail, data age, what it costs in Salesforce API calls, how Prometheus scrapes it, and the process itself.',
    ['exporter'],
    config.exporterSelector,
    g.layout([
      [
        g.panel('state-timeline', 'Org up', "1 when the exporter's latest /limits refresh of the org succeeded, 0 when it failed or, with one target per org, when Prometheus cannot scrape the org's target.", 'none', [
          g.target(common.orgUp(s), '{{org}}'),
        ], 24, 6),
      ],
      [
        g.panel('timeseries', 'Refresh failures by reason', 'Failed /limits refreshes per second, by org and reason (auth, session, request_limit_exceeded, http_4xx, http_5xx, timeout, network, invalid_response).', 'reqps', [
          g.target('sum by (org, reason) (rate(salesforce_refresh_failures_total{%s}[$__rate_interval]))' % s, '{{org}} {{reason}}'),
        ], 12, 8),
        g.panel('timeseries', 'Age of the limit values', "Time since each org's last successful refresh. The SalesforceLimitsStale alert fires past %d minutes." % (config.staleAfterSeconds / 60), 's', [
          g.target('time() - salesforce_last_refresh_timestamp_seconds{%s}' % s, '{{org}}'),
        ], 12, 8),
      ],
      [
        g.panel('timeseries', 'Refresh duration', "Wall time of each org's latest /limits refresh attempt, authentication included.", 's', [
          g.target('salesforce_refresh_duration_seconds{%s}' % s, '{{org}}'),
        ], 8, 8),
        g.panel('timeseries', "Exporter's Salesforce API calls per day", "The exporter's own cost: Salesforce calls it makes per day at the current rate, by org and endpoint (limits, token, versions).", 'short', [
          g.target('sum by (org, endpoint) (rate(salesforce_exporter_api_requests_total{%s}[$__rate_interval])) * 86400' % s, '{{org}} {{endpoint}}'),
        ], 8, 8),
        g.panel('table', 'Exporter versions', 'The version of each exporter (every scrape serves it, whatever the scrape configuration).', 'none', [
          g.target('max by (job, instance, version) (salesforce_exporter_build_info{%s})' % s, instant=true, format='table'),
        ], 8, 8) { transformations: [g.organize(['Time', '__name__', 'Value'])] },
      ],
      [
        g.panel('timeseries', 'Failed Salesforce calls', 'Calls that failed (transport error, non-2xx answer, unparseable body), per second, by org and endpoint.', 'reqps', [
          g.target('sum by (org, endpoint) (rate(salesforce_exporter_api_request_failures_total{%s}[$__rate_interval]))' % s, '{{org}} {{endpoint}}'),
        ], 8, 7),
        g.panel('timeseries', 'Scrape duration', "How long Prometheus's scrapes of each exporter take: its one /metrics scrape, or with one target per org the slowest org's scrape. Near the scrape timeout, scrapes start failing.", 's', [
          g.target('max by (instance) (scrape_duration_seconds{%s})' % s, '{{instance}}'),
        ], 8, 7),
        g.panel('timeseries', 'Scrape targets', "Each exporter's scrape targets (1, or one per org) and how many of them failed their latest scrape: some with one target per org is SalesforceOrgScrapeFailing, all of them SalesforceExporterDown.", 'short', [
          g.target('count by (instance) (up{%s})' % s, '{{instance}} targets'),
          g.target('sum by (instance) (1 - up{%s})' % s, '{{instance}} failed', i=1),
        ], 8, 7),
      ],
      [
        g.row('Exporter process (JVM): needs the full /metrics scrape'),
      ],
      [
        g.panel('timeseries', 'Memory', 'Resident memory of the process, and JVM heap used and its maximum, per exporter.' + processNote, 'bytes', [
          g.target(process('process_resident_memory_bytes{instance=~"$instance"}'), '{{instance}} resident'),
          g.target(process('jvm_memory_used_bytes{instance=~"$instance", area="heap"}'), '{{instance}} heap used', i=1),
          g.target(process('jvm_memory_max_bytes{instance=~"$instance", area="heap"}'), '{{instance}} heap max', i=2),
        ], 8, 7),
        g.panel('timeseries', 'Threads', 'Live JVM threads, per exporter.' + processNote, 'short', [
          g.target(process('jvm_threads_current{instance=~"$instance"}'), '{{instance}}'),
        ], 8, 7),
        g.panel('timeseries', 'CPU', 'CPU time the process uses per second (1 = one core), per exporter.' + processNote, 'percentunit', [
          g.target(process('rate(process_cpu_seconds_total{instance=~"$instance"}[$__rate_interval])'), '{{instance}}'),
        ], 8, 7),
      ],
    ]),
  )
