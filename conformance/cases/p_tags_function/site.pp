class tagger {
  tag 'custom', 'Another'
  notify { 'tagged': }
  if tagged('custom') { notify { 'yes custom': } }
}
include tagger
