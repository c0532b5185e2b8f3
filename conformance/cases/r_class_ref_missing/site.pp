notify { 'x': require => Class['notdeclared'] }
class notdeclared { }
