node /^web\d+\.example\.com$/ { notify { "regex node ${0}": } }
node default { notify { 'default': } }
