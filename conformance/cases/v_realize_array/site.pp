@user { ['u1', 'u2', 'u3']: }
realize(User['u1'], User['u2'])
User <| title == 'u3' |> { shell => '/bin/zsh' }
