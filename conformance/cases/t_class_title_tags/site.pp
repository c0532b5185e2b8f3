class web::app::server { notify { 'deep': } }
include web::app::server
file { '/etc/My-File.conf': }
notify { 'UpperCase Title': }
notify { 'CamelTitle': }
