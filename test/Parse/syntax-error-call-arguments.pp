# RUN: not cppetc check %s 2>&1 | FileCheck %s --implicit-check-not=error:
# A call's arguments are checked as arguments: the error is at the first
# token that cannot continue them, as in Puppet 7.23, not at the `(`.

# CHECK: syntax-error-call-arguments.pp:[[@LINE+1]]:41: error: Syntax error at 'PGPORT'
if $settings != undef and has_key( role 'PGPORT') {
}
