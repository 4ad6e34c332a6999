#!/usr/bin/env bash
# Runs every Kring test: build, then all test projects of the solution.
# It installs what the tests need from Debian's packages when that is missing, so a fresh machine with only the
# .NET SDK is enough.
set -euo pipefail
cd "$(dirname "$0")"

# Installs Debian packages that are missing (as root, or through sudo when that is available).
need_packages() {
  local missing=()
  for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "Installing from Debian's packages: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

# Each phase's time, so a slow run's log shows where the time went.
phase() { echo "test.sh: $1 after ${SECONDS} s"; }
trap 'phase "ended (exit code $?)"' EXIT

need_packages tzdata postgresql chromium prometheus

# Spectral lints the OpenAPI document in the API tests; it lives in .tools/ (ignored by git), next to the sources.
if [ ! -x .tools/spectral/node_modules/.bin/spectral ]; then
  command -v npm >/dev/null || need_packages npm
  echo "Installing @stoplight/spectral-cli into .tools/spectral"
  npm install --prefix .tools/spectral --no-fund --no-audit --silent @stoplight/spectral-cli@6.16.3
fi

phase "packages and tools"
dotnet build Kring.Orleans.sln -c Release -nologo -clp:ErrorsOnly
phase "build"
# Whitespace as .editorconfig says. Code style and the analyzers are errors in the build already, so only dotnet
# format's whitespace pass is left to check, and it needs no compilation (--folder).
dotnet format whitespace --folder --verify-no-changes
# One test project at a time: the cluster tests start silos, the web and PostgreSQL as processes of their own, the
# browser tests two applications and Chromium, the web tests two applications and more. Side by side on 2 cores they
# ran two to three times slower than one after the other (the browser tests beside the web tests: 8 min 46 s and
# 12 min 7 s; the cluster tests beside the browser tests: 10 min 31 s, alone about 3 min 20 s), and the fault tests'
# recovery figures measured the crowding. The in-process projects first, in the order of the solution file, then the
# cluster tests. A failure in the first does not skip the second, and fails the run.
status=0
dotnet test tests/InProcess.slnf -c Release --no-build -nologo -m:1 --logger "console;verbosity=minimal" "$@" || status=$?
phase "in-process tests"
dotnet test tests/Kring.Cluster.Tests/Kring.Cluster.Tests.csproj -c Release --no-build -nologo \
  --logger "console;verbosity=minimal" "$@" || status=$?
exit $status
