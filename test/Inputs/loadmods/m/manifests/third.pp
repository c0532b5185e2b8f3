class m::third (Optional[Nope::Other] $y = undef) { }
