$x = inline_epp('<%- | String $must | -%><%= $must %>', {})
