#!/usr/bin/env bash
# Installs what the tests need besides .NET. The runtime's distributed rate-limiter tests start their own private
# redis-server on 127.0.0.1 and a free port; this makes sure the binary is there.
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1 && [ ! -x /usr/bin/redis-server ]; then
  echo "Installing redis-server for the distributed rate-limiter tests..."
  if [ "$(id -u)" -eq 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    sudo apt-get update -qq
    sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  fi
fi
