class m (Optional[Nope::Type] $x = undef) inherits m::params { }
