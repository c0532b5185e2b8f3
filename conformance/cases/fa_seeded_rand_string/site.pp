notify { 'srs':
  message => [
    seeded_rand_string(8, 'my_seed'),
    seeded_rand_string(1, ''),
    seeded_rand_string(40, "${facts['networking']['fqdn']}-db", 'ab'),
    seeded_rand_string(12, 'x', '01234567'),
    seeded_rand_string(10, 'uni', 'äöüß'),
    seeded_rand_string(700, 'long', '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ!'),
  ],
}
