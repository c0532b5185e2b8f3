# A notify whose message is Sensitive never shows it, in the log or the
# report; a Deferred call's result is shown as the function made it (what
# Puppet 7.23's `puppet apply` prints for the same manifest).
# RUN: rm -rf %t && mkdir -p %t
# RUN: cppet-agent apply --vardir %t/var %s | FileCheck %s
# RUN: not grep -q 'pw1' %t/var/state/last_run_report.yaml
notify { 'x': message => Sensitive('pw1') }
notify { 'y': message => Deferred('sprintf', ['%s', Sensitive('pw2')]) }
notify { 'z': message => Deferred('unwrap', [Sensitive('pw3')]) }
# CHECK: Notice: Sensitive [value redacted]
# CHECK-NEXT: Notice: /Stage[main]/Main/Notify[x]/message: changed [redacted] to [redacted]
# CHECK-NEXT: Notice: Sensitive [value redacted]
# CHECK-NEXT: Notice: /Stage[main]/Main/Notify[y]/message: defined 'message' as 'Sensitive [value redacted]'
# CHECK-NEXT: Notice: pw3
# CHECK-NEXT: Notice: /Stage[main]/Main/Notify[z]/message: defined 'message' as 'pw3'
