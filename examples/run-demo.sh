#!/usr/bin/env bash
# The main job on the bundled example suites: build, run the runner as the agent would (agent_serial),
# print the agent section with the controller, then the same state as robotmk status shows it to a person.
# State and outputs go to examples/.demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD

dotnet build Robotmk.sln -c Release -v quiet -nologo >/dev/null

# Use Robot Framework from PATH; without one, the bundled copy beside the repository.
if ! command -v robot >/dev/null 2>&1; then
  bundled="$root/../shared/peers/robotframework/bin"
  [ -x "$bundled/robot" ] || { echo "robot not found on PATH and no bundled copy at $bundled" >&2; exit 1; }
  export PATH="$bundled:$PATH"
fi

export ROBOTMK_CONFIG="$root/examples/robotmk.yml"
export ROBOTMK_STATE_DIR="$root/examples/.demo/state"
bin=Release/net10.0

echo "### robotmk-runner (started by the agent asynchronously; here in the foreground)" >&2
dotnet "Robotmk.Runner/bin/$bin/robotmk-runner.dll"
echo "### robotmk (started by the agent at every poll)" >&2
dotnet "Robotmk.Controller/bin/$bin/robotmk.dll"
echo "### robotmk status (for people: what the server will see, as a table)" >&2
# status exits 1 when the server will see a problem (a fatal suite, a runner problem); the demo shows it and ends well.
dotnet "Robotmk.Controller/bin/$bin/robotmk.dll" status || echo "### robotmk status exited $?: the server will see a problem, see above" >&2
