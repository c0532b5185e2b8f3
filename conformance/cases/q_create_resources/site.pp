$users = { 'alice' => { 'uid' => 1 }, 'bob' => { 'uid' => 2, 'shell' => '/bin/zsh' } }
create_resources('user', $users, { 'shell' => '/bin/bash', 'managehome' => true })
create_resources('@group', { 'g1' => {} })
