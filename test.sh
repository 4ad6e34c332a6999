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
# dotnet test runs the test projects two at a time, in the order of the solution file; the two slowest (cluster and
# browser) are listed first there, so that neither starts last.
dotnet test Kring.Orleans.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
