class needs (String $must) { }
include needs
