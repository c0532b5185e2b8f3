class m::params { notify { "params": } }
