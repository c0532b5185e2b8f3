# generate runs an absolute program without a shell, in the program's
# directory, with the C locale; stdout and stderr are returned together.
notify { 'echo': message => generate('/bin/echo', 'a  b', '$HOME', '*', ';', 'ü') }
notify { 'sh': message => generate('/bin/sh', '-c', 'echo out; echo err >&2; echo "$LC_ALL/$LANG/${HOME-nohome}"') }
notify { 'cwd': message => generate('/bin/sh', '-c', 'pwd -P') }
notify { 'args': message => generate('/usr/bin/printf', '[%s]', 1, undef, '', [2, [3]], true) }
