notify { 'camel':
  message => [camelcase('abc_dEF'), camelcase(3), camelcase(2.5), camelcase('ünï_çode__x'), camelcase(['a_b', 'c_d']), camelcase(''), camelcase('_lead_'), camelcase([]), camelcase([1, 2.5]), camelcase(['x_y', 'z'])],
}
