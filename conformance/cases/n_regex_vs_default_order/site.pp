node default { notify { 'd': } }
node /example\.com$/ { notify { 'r': } }
