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

need_packages tzdata postgresql chromium

dotnet build Kring.Orleans.sln -c Release -nologo -clp:ErrorsOnly
dotnet test Kring.Orleans.sln -c Release --no-build -nologo --logger "console;verbosity=minimal" "$@"
