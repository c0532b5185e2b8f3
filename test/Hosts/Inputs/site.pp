node default {
  notify { "fqdn ${facts[networking][fqdn]} family ${facts[os][family]}": }
}
