class o_c (Optional[Integer] $v = undef, Variant[String, Integer] $w = 3, Array[String, 1] $l = ['x']) { notify { "o ${v} ${w} ${l}": } }
include o_c
