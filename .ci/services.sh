#!/usr/bin/env bash
# Starts what the tests need besides .NET. Nothing yet: the analyzer tests are self-contained; the runtime's
# Redis-backed tests add their server here.
set -euo pipefail
