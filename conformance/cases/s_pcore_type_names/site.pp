# Pcore object types and the data types in any case are types, not
# references to resource types.
notify { 'types': message => String([Deferred, URI, TypeSet, Semver, Error].map |$t| { $t =~ Type }) }
