# Helpers for the agent's tests against a real `cppet-master server` on
# loopback TLS (bash; sourced after test/Net/Inputs/server.sh, which starts
# and stops the master). The master gets `localhost` as an alternative
# name, so the agent reaches it by a name its certificate carries.
#
#   agent_run NAME [FLAGS...]   cppet-agent with everything under $T/NAME
#                               (confdir, vardir, ssldir, rundir, logdir), a
#                               2048-bit key, no colours; prints the output,
#                               then "exit N"
AGENT_KEYLENGTH=2048

agent_run() {
  local Name=$1
  shift
  local D=$T/$Name
  mkdir -p "$D/etc"
  local Status=0
  timeout 120 cppet-agent --server localhost --serverport "$PORT" \
    --certname "$Name" --confdir "$D/etc" --vardir "$D/var" \
    --ssldir "$D/ssl" --rundir "$D/run" --logdir "$D/log" \
    --keylength "$AGENT_KEYLENGTH" --color false "$@" 2>&1 || Status=$?
  echo "exit $Status"
}
