#!/bin/sh
# Runs Reaper as the client of the MCP conformance suite: the suite starts a mock server and runs this script
# with the server's URL as its one argument, naming the scenario in MCP_CONFORMANCE_SCENARIO. Each scenario
# becomes one 'reaper mcp' command. REAPER_JAVA and REAPER_CLASSPATH say how to run Reaper.
url="$1"
case "$MCP_CONFORMANCE_SCENARIO" in
  tools_call) set -- mcp call "$url" add_numbers --args '{"a": 2, "b": 3}' ;;
  sse-retry) set -- mcp call "$url" test_reconnection ;;
  elicitation-sep1034-client-defaults) set -- mcp call --elicitation defaults "$url" test_client_elicitation_defaults ;;
  *) set -- mcp tools "$url" ;; # initialize, and the auth/* scenarios (OAuth is not implemented)
esac
exec "$REAPER_JAVA" -cp "$REAPER_CLASSPATH" dev.reaper.cli.Main "$@"
