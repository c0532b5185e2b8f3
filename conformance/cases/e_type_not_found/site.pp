# A reference that names no type is an error wherever it is evaluated,
# even inside a type whose value would match (Optional[...] with undef).
class x(Optional[Nope::Thing] $a = undef) { }
include x
