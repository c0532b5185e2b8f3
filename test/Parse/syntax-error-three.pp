# RUN: not cppetc check %s 2>&1 | FileCheck %s
# Every syntax error in a file is reported, not just the first.

# CHECK: syntax-error-three.pp:[[@LINE+1]]:26: error: Syntax error at '}'
notify { 'a': message => }

file { '/tmp/ok': ensure => file }

class c {
  # CHECK: syntax-error-three.pp:[[@LINE+1]]:12: error: Syntax error at '+='
  $counter += 1
  notify { 'fine': }
}

# CHECK: syntax-error-three.pp:[[@LINE+1]]:15: error: Syntax error at 'ensure'
package { 'p' ensure => installed }
$last = 'still parsed'
# CHECK-NOT: error
