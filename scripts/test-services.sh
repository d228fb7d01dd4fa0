#!/usr/bin/env bash
# Installs, from Debian's packages, the programs the tests use outside the JVM, and starts the services
# among them on 127.0.0.1. Idempotent: what is already installed or running is left as it is.
set -euo pipefail

# Debian packages the tests need; none yet beyond the JDK, Maven and Node.js the machine provides.
PACKAGES=(chromium)

missing=()
for package in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if ((${#missing[@]})); then
    sudo_cmd=()
    [[ $(id -u) -eq 0 ]] || sudo_cmd=(sudo)
    echo "installing ${missing[*]}"
    "${sudo_cmd[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
