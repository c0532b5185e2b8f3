# The run writes Puppet's last_run_summary.yaml and last_run_report.yaml
# (report_format 12: status, resource_statuses with events, metrics, logs).
# RUN: rm -rf %t && mkdir -p %t
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --certname node1.example.com %s > /dev/null
# RUN: FileCheck --check-prefix=SUMMARY --input-file %t/var/state/last_run_summary.yaml %s
# RUN: python3 -c "import yaml,json; print(json.dumps(yaml.safe_load(open('%t/var/state/last_run_report.yaml').read().split('\n',1)[1]), indent=1))" | FileCheck --check-prefix=REPORT %s
# RUN: env FACTER_testdir=%t cppet-agent apply --vardir %t/var --certname node1.example.com %s > /dev/null
# RUN: grep -A3 '^changes:' %t/var/state/last_run_summary.yaml | FileCheck --check-prefix=UNCHANGED %s
file { "${facts['testdir']}/f": content => "x\n" }
# SUMMARY: version:
# SUMMARY: puppet: 7.23.0
# SUMMARY: resources:
# SUMMARY: changed: 1
# SUMMARY: total: 4
# SUMMARY: time:
# SUMMARY: file:
# SUMMARY: last_run:
# SUMMARY: changes:
# SUMMARY-NEXT: total: 1
# SUMMARY: events:
# SUMMARY: success: 1
# REPORT: "host": "node1.example.com",
# REPORT: "report_format": 12,
# REPORT: "status": "changed",
# REPORT: "transaction_completed": true,
# REPORT: "noop_pending": false,
# REPORT: "logs": [
# REPORT: "resource_statuses": {
# REPORT: "File[{{.*}}/f]": {
# REPORT: "containment_path": [
# REPORT-NEXT: "Stage[main]",
# REPORT-NEXT: "Main",
# REPORT-NEXT: "File[{{.*}}/f]"
# REPORT: "changed": true,
# REPORT: "events": [
# REPORT: "property": "ensure",
# REPORT-NEXT: "previous_value": "absent",
# REPORT-NEXT: "desired_value": "file",
# REPORT: "name": "file_created",
# REPORT-NEXT: "status": "success",
# UNCHANGED: total: 0
